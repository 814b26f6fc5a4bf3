package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/byline/byline/generator"
)

func main() {
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	t := time.Now()
	p, err := generator.Prepare(context.Background(), generator.Options{SiteDir: os.Args[1], ThemesDir: "/work/main/themes", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	fmt.Println("prepare", time.Since(t))
	t = time.Now()
	res, err := p.Render(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println("render", time.Since(t), len(res.Files))
	pprof.StopCPUProfile()
}
