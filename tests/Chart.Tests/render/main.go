// chart-render renders a Helm chart the way `helm template` does where no helm binary can be installed:
// Go's text/template with the sprig functions helm uses, plus helm's own include/required/toYaml. It
// prints {"objects": [...], "notes": "..."} as JSON: every rendered manifest parsed as YAML (so a
// template that renders invalid YAML fails here), for tests to assert on. A template error or a
// `fail` exits 1 with the message on stderr.
//
//	chart-render <chart dir> [values file ...]
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

const releaseName = "camera-cloud"

type object struct {
	Source string                 `json:"source"`
	Object map[string]interface{} `json:"object"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: chart-render <chart dir> [values file ...]")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(chartDir string, valuesFiles []string, out io.Writer) error {
	chart, err := readYAML(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	values, err := readYAML(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range valuesFiles {
		override, err := readYAML(file)
		if err != nil {
			return err
		}
		values = merge(values, override)
	}

	name := fmt.Sprint(chart["name"])
	files, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(files)

	root := template.New(name)
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = toYAML
	funcs["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil || value == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	funcs["include"] = func(templateName string, data interface{}) (string, error) {
		var buffer bytes.Buffer
		err := root.ExecuteTemplate(&buffer, templateName, data)
		return buffer.String(), err
	}
	root.Funcs(funcs).Option("missingkey=zero")
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if _, err := root.New(name + "/templates/" + filepath.Base(file)).Parse(string(text)); err != nil {
			return err
		}
	}

	data := map[string]interface{}{
		"Values": values,
		"Chart": map[string]interface{}{
			"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"],
		},
		"Release":  map[string]interface{}{"Name": releaseName, "Namespace": "default", "Service": "Helm", "IsInstall": true},
		"Template": map[string]interface{}{"BasePath": name + "/templates"},
	}

	result := struct {
		Objects []object `json:"objects"`
		Notes   string   `json:"notes"`
	}{Objects: []object{}}
	for _, file := range files {
		base := filepath.Base(file)
		if strings.HasPrefix(base, "_") {
			continue
		}
		templateName := name + "/templates/" + base
		data["Template"].(map[string]interface{})["Name"] = templateName
		var buffer bytes.Buffer
		if err := root.ExecuteTemplate(&buffer, templateName, data); err != nil {
			return err
		}
		if base == "NOTES.txt" {
			result.Notes = buffer.String()
			continue
		}
		decoder := yaml.NewDecoder(&buffer)
		for {
			var document map[string]interface{}
			err := decoder.Decode(&document)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("%s renders invalid YAML: %w", templateName, err)
			}
			if document != nil {
				result.Objects = append(result.Objects, object{Source: templateName, Object: document})
			}
		}
	}
	encoder := json.NewEncoder(out)
	encoder.SetIndent("", "  ")
	return encoder.Encode(result)
}

// readYAML reads a YAML file into JSON-shaped values (numbers as float64), as helm does.
func readYAML(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw interface{}
	if err := yaml.Unmarshal(text, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	asJSON, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	result := map[string]interface{}{}
	if err := json.Unmarshal(asJSON, &result); err != nil && string(asJSON) != "null" {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return result, nil
}

// merge lays override over base: maps merge key by key, anything else replaces, null deletes.
func merge(base, override map[string]interface{}) map[string]interface{} {
	result := map[string]interface{}{}
	for key, value := range base {
		result[key] = value
	}
	for key, value := range override {
		if value == nil {
			delete(result, key)
			continue
		}
		baseMap, baseIsMap := result[key].(map[string]interface{})
		overrideMap, overrideIsMap := value.(map[string]interface{})
		if baseIsMap && overrideIsMap {
			result[key] = merge(baseMap, overrideMap)
		} else {
			result[key] = value
		}
	}
	return result
}

func toYAML(value interface{}) string {
	var buffer bytes.Buffer
	encoder := yaml.NewEncoder(&buffer)
	encoder.SetIndent(2)
	if err := encoder.Encode(value); err != nil {
		return ""
	}
	return strings.TrimSuffix(buffer.String(), "\n")
}
