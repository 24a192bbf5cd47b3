package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/pipeline"
)

// TestEveryFindingTemplateIsTranslated: the message template of every
// compliance finding and of every diagnostic the extractor and the
// ingesters make has a Vietnamese text in the catalogue, so the CLI and
// the web say it in the reader's language.
func TestEveryFindingTemplateIsTranslated(t *testing.T) {
	for _, tpl := range check.Templates {
		if !i18n.Has(tpl) {
			t.Errorf("finding template not in the catalogue: %q", tpl)
		}
	}
	// Where a diagnostic is made, and which argument is its template.
	argOf := map[string]int{"NewDiagnostic": 2, "NewFinding": 3, "diagnose": 3, "queryError": 2}
	fset := token.NewFileSet()
	found := 0
	for _, root := range []string{"../../extract", "../../pipeline", "../../index"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			consts := map[string]string{}
			ast.Inspect(f, func(n ast.Node) bool {
				if vs, ok := n.(*ast.ValueSpec); ok {
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
								consts[name.Name], _ = strconv.Unquote(lit.Value)
							}
						}
					}
				}
				return true
			})
			ast.Inspect(f, func(n ast.Node) bool {
				var e ast.Expr
				switch n := n.(type) {
				case *ast.CallExpr:
					name := ""
					switch fn := n.Fun.(type) {
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					case *ast.Ident:
						name = fn.Name
					}
					if i, ok := argOf[name]; ok && len(n.Args) > i {
						e = n.Args[i]
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok && (id.Name == "template" || id.Name == "Template") {
						e = n.Value
					}
				}
				tpl := ""
				switch e := e.(type) {
				case *ast.BasicLit:
					tpl, _ = strconv.Unquote(e.Value)
				case *ast.Ident:
					tpl = consts[e.Name]
				}
				if tpl != "" {
					found++
					if !i18n.Has(tpl) {
						t.Errorf("%s: diagnostic template not in the catalogue: %q", fset.Position(n.Pos()), tpl)
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found < 20 {
		t.Errorf("found only %d diagnostic templates: the walk misses them", found)
	}
}

// TestEveryFailureReasonIsTranslated: the one failure-reason table
// (pipeline.Reasons) says what each word means in the catalogue's words,
// and each ingest error maps back to its word.
func TestEveryFailureReasonIsTranslated(t *testing.T) {
	for _, r := range pipeline.Reasons {
		if !i18n.Has(r.Text) {
			t.Errorf("reason %s: %q not in the catalogue", r.Word, r.Text)
		}
		if r.Err != nil && pipeline.Reason(fmt.Errorf("x.pdf: %w", r.Err)) != r.Word {
			t.Errorf("reason %s: its error maps to %s", r.Word, pipeline.Reason(r.Err))
		}
	}
}
