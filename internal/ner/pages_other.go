//go:build !linux

package ner

// adviseHuge does nothing outside Linux (see pages_linux.go).
func adviseHuge(b []byte) {}
