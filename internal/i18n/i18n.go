// Package i18n holds recouvre's message catalogues, French (the default)
// and English, embedded in the binary, and the formats of numbers and
// dates in each language. Keys are stable dotted names ("portfolio.title");
// a missing key shows itself as the key, never as an empty string, and a
// test keeps both catalogues in step.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Default is the language of the interface and of every letter unless a
// user or a debtor chooses otherwise.
const Default = "fr"

// Langs lists the supported languages, the default first.
var Langs = []string{"fr", "en"}

// A language's catalogue is its main file (fr.json) and the fragments a
// feature keeps beside it (fr.import.json): one file per feature keeps
// edits apart. A key may live in one file only.
//
//go:embed *.json
var files embed.FS

var catalogues = mustLoad()

func mustLoad() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range Langs {
		names, err := fs.Glob(files, lang+".*json")
		if err != nil {
			panic(fmt.Sprintf("i18n: list %s catalogue: %v", lang, err))
		}
		m := map[string]string{}
		for _, name := range names {
			if err := loadFile(m, name); err != nil {
				panic(fmt.Sprintf("i18n: %v", err))
			}
		}
		out[lang] = m
	}
	return out
}

// loadFile adds the messages of one catalogue file to m, refusing a key
// that another file already holds.
func loadFile(m map[string]string, name string) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	part := map[string]string{}
	if err := json.Unmarshal(b, &part); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	for k, v := range part {
		if _, dup := m[k]; dup {
			return fmt.Errorf("%s: key %q is already in another file", name, k)
		}
		m[k] = v
	}
	return nil
}

// Normalize returns a supported language for s ("en", "en-GB", "EN" give
// "en"), the default for anything else.
func Normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	if _, ok := catalogues[s]; ok {
		return s
	}
	return Default
}

// Supported reports whether lang is one of Langs, exactly.
func Supported(lang string) bool {
	_, ok := catalogues[lang]
	return ok
}

// T translates key into lang. Arguments fill the message's fmt verbs
// ("%d débiteurs"). An unknown key returns the key itself, visible in the
// page and caught by the template test.
func T(lang, key string, args ...any) string {
	msg, ok := catalogues[Normalize(lang)][key]
	if !ok {
		msg, ok = catalogues[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether lang's catalogue has key.
func Has(lang, key string) bool {
	_, ok := catalogues[lang][key]
	return ok
}

// Keys returns the keys of lang's catalogue, sorted.
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalogues[lang]))
	for k := range catalogues[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
