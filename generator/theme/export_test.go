package theme

// FakeFuncs lets the external tests use the stand-in template functions.
var FakeFuncs = fakeFuncs
