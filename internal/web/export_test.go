package web

import (
	"io/fs"
	"regexp"
)

// TemplateKeys lists the literal catalogue keys the templates name.
func TemplateKeys() []string {
	re := regexp.MustCompile(`\.T "([a-z0-9_.+-]+)"`)
	plural := regexp.MustCompile(`\.Count "([a-z0-9_.+-]+)"`)
	var keys []string
	_ = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			keys = append(keys, string(m[1]))
		}
		for _, m := range plural.FindAllSubmatch(b, -1) {
			keys = append(keys, string(m[1])+".one", string(m[1])+".other")
		}
		return nil
	})
	return keys
}

// SetMaxImportSize lowers the upload limit of one interface, for a test.
func SetMaxImportSize(ui *UI, n int64) { ui.maxImport = n }
