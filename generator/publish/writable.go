package publish

import "path"

// checkWritable makes sure, before apply changes anything, that the
// kernel lets this process change every folder it will change: the
// output root (the manifest), the folders of the files it writes or
// removes, and the nearest existing folder of each it creates. A folder
// made read-only would otherwise fail the publish halfway, with some
// files of the new build in place and others of the old. staged, when not
// nil, holds the files that changed (see Stage): the others are not
// written. Failures it cannot foresee (a disk that fails) still leave a
// mix, which the error then says.
func (p *plan) checkWritable(old []string, staged map[string]string) error {
	created := make(map[string]bool, len(p.mkdirs))
	for _, d := range p.mkdirs {
		created[d] = true
	}
	dirs := map[string]bool{".": true}
	add := func(name string) {
		dir := path.Dir(name)
		for created[dir] {
			dir = path.Dir(dir)
		}
		dirs[dir] = true
	}
	for _, j := range p.jobs {
		if _, ok := staged[j.file.Path]; ok || staged == nil {
			add(j.file.Path)
		}
	}
	for _, name := range old {
		if !p.isNew[name] {
			add(name)
		}
	}
	for _, name := range p.clearFiles {
		add(name)
	}
	for _, name := range p.clearDirs {
		add(name)
	}
	for dir := range dirs {
		if err := writable(p.root.Name(), dir); err != nil {
			return err
		}
	}
	return nil
}
