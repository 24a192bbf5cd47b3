package pipeline_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// smallReport is a short Markdown report of our own wording; n and v make
// its content (and so its id) unique.
func smallReport(n, v int) string {
	return fmt.Sprintf(`UỶ BAN NHÂN DÂN TỈNH THỬ NGHIỆM %d

Số: %d/BC-UBND

# BÁO CÁO
Kết quả thực hiện công tác cải cách hành chính quý I năm 2024

## I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH

Trong kỳ, tỉnh ban hành %d văn bản chỉ đạo về cải cách hành chính[^1] và tổ chức %d cuộc họp giao ban.

## II. KẾT QUẢ THỰC HIỆN

Phiên bản %d: tiếp nhận %d hồ sơ trực tuyến, giải quyết đúng hạn phần lớn hồ sơ.

[^1]: Kế hoạch số %d/KH-UBND ngày 05/01/2024 của Ủy ban nhân dân tỉnh.
`, n, 100+n, n%9+1, n%5+2, v, 1000+n*3+v, 200+n)
}

// env is an index and ledger in a folder, as one ingest process has them.
type env struct {
	ix     *index.Index
	ledger *pipeline.Ledger
}

func openEnv(t testing.TB, dir string) *env {
	t.Helper()
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := pipeline.OpenLedger(filepath.Join(dir, "ledger.json"), ix)
	if err != nil {
		ix.Close()
		t.Fatal(err)
	}
	return &env{ix: ix, ledger: l}
}

func (e *env) close(t testing.TB) {
	t.Helper()
	if err := e.ledger.Close(); err != nil {
		t.Error(err)
	}
	if err := e.ix.Close(); err != nil {
		t.Error(err)
	}
}

func runBatch(t testing.TB, dir string, files []string, flushEvery int) pipeline.Summary {
	t.Helper()
	e := openEnv(t, dir)
	defer e.close(t)
	b := &pipeline.Batch{Pipeline: newTestPipeline(t), Ledger: e.ledger, Workers: 2, FlushEvery: flushEvery}
	sum, err := b.Run(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// checkAgree checks the state after a clean run over files: every file
// has an entry with its current content; each distinct content is indexed
// exactly once, by the first of its files; the index holds exactly the
// reports the ledger names, each once.
func checkAgree(t *testing.T, dir string, files []string, failed int) {
	t.Helper()
	e := openEnv(t, dir)
	defer e.close(t)
	indexed := map[string][]string{} // content hash → files indexed with it
	want := map[string]bool{}        // report ids
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sha := extract.HashBytes(data)
		want[extract.ReportID(sha)] = true
		en, ok := e.ledger.Get(f)
		switch {
		case !ok || en.SHA256 != sha:
			t.Errorf("%s: ledger has %+v, content %s", filepath.Base(f), en, sha[:8])
		case en.Status == pipeline.StatusIndexed:
			indexed[sha] = append(indexed[sha], filepath.Base(f))
		case en.Status != pipeline.StatusDuplicate:
			t.Errorf("%s: %s", filepath.Base(f), en.Status)
		}
	}
	for sha, fs := range indexed {
		if len(fs) != 1 {
			t.Errorf("content %s indexed for %v", sha[:8], fs)
		}
	}
	if len(indexed) != len(want) {
		t.Errorf("%d contents indexed, %d on disk", len(indexed), len(want))
	}
	if n := e.ledger.Len(); n != len(files)+failed {
		t.Errorf("ledger has %d entries for %d files and %d failed", n, len(files), failed)
	}
	sums, err := e.ix.Reports(context.Background(), index.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, s := range sums {
		got[s.ID]++
	}
	for id, n := range got {
		if n != 1 || !want[id] {
			t.Errorf("index holds report %s %d times (ledger wants it: %v)", id, n, want[id])
		}
	}
	for id := range want {
		if got[id] == 0 {
			t.Errorf("report %s missing from the index", id)
		}
	}
	// Every section document belongs to a report the index holds.
	census, err := e.ix.Census(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for id, n := range census {
		if !want[id] || n < 2 {
			t.Errorf("index has %d documents of report %q (wanted: %v)", n, id, want[id])
		}
	}
}

func writeReports(t testing.TB, dir string, n int, version func(i int) int) []string {
	t.Helper()
	var files []string
	for i := range n {
		f := filepath.Join(dir, fmt.Sprintf("r%03d.md", i))
		if err := os.WriteFile(f, []byte(smallReport(i, version(i))), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

func TestBatchOutcomes(t *testing.T) {
	src, data := t.TempDir(), t.TempDir()
	files := writeReports(t, src, 6, func(int) int { return 0 })
	sum := runBatch(t, data, files, 2)
	if sum.Indexed != 6 {
		t.Fatalf("first run: %+v", sum)
	}
	checkAgree(t, data, files, 0)

	// r000 changes; r001 becomes a copy of r002; r003 becomes unreadable;
	// a new file copies r004; r005 stays.
	os.WriteFile(files[0], []byte(smallReport(0, 1)), 0o644)
	os.WriteFile(files[1], []byte(smallReport(2, 0)), 0o644)
	os.WriteFile(files[3], []byte{0xFF, 0xFE, 0x00}, 0o644)
	cp := filepath.Join(src, "r004-copy.md")
	os.WriteFile(cp, []byte(smallReport(4, 0)), 0o644)
	files2, err := pipeline.Collect([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	sum = runBatch(t, data, files2, 2)
	outcome := map[string]pipeline.Outcome{}
	for _, ev := range sum.Events {
		outcome[filepath.Base(ev.Path)] = ev.Outcome
	}
	want := map[string]pipeline.Outcome{
		"r000.md": pipeline.OutcomeReplaced, "r001.md": pipeline.OutcomeDuplicate,
		"r002.md": pipeline.OutcomeUnchanged, "r004.md": pipeline.OutcomeUnchanged,
		"r004-copy.md": pipeline.OutcomeDuplicate, "r005.md": pipeline.OutcomeUnchanged,
	}
	for f, o := range want {
		if outcome[f] != o {
			t.Errorf("%s: %s, want %s", f, outcome[f], o)
		}
	}
	if outcome["r003.md"] != pipeline.OutcomeFailed && outcome["r003.md"] != pipeline.OutcomeReplaced {
		t.Errorf("r003.md: %s", outcome["r003.md"])
	}
	checkAgreeExceptFailed(t, data, files2)

	// r004 changes: its copy is now the only file with the old content
	// and must end up indexed (after the run that notices, and the next).
	os.WriteFile(files[4], []byte(smallReport(4, 7)), 0o644)
	runBatch(t, data, files2, 2)
	runBatch(t, data, files2, 2)
	checkAgreeExceptFailed(t, data, files2)
	e := openEnv(t, data)
	en, _ := e.ledger.Get(cp)
	e.close(t)
	if en.Status != pipeline.StatusIndexed {
		t.Errorf("the copy of a changed file: %+v", en)
	}
}

// checkAgreeExceptFailed is checkAgree over the files that did not fail.
func checkAgreeExceptFailed(t *testing.T, dir string, files []string) {
	t.Helper()
	e := openEnv(t, dir)
	var ok []string
	for _, f := range files {
		if en, _ := e.ledger.Get(f); en.Status != pipeline.StatusFailed {
			ok = append(ok, f)
		}
	}
	e.close(t)
	checkAgree(t, dir, ok, len(files)-len(ok))
}

func TestLedgerDropsWhatTheIndexLacks(t *testing.T) {
	dir := t.TempDir()
	e := openEnv(t, dir)
	r := &extract.Report{ID: "00000000000000aa", Text: "x", Source: extract.Source{Path: "/a.md"}}
	ctx := context.Background()
	if err := e.ledger.Commit(ctx, pipeline.Change{Put: []*extract.Report{r},
		Set: []pipeline.Entry{{Path: "/a.md", SHA256: "aa", Status: pipeline.StatusIndexed, ReportID: r.ID}}}); err != nil {
		t.Fatal(err)
	}
	e.close(t)
	// A record written but never committed to the index (the process
	// died in between), and half a line after it.
	j, err := os.OpenFile(filepath.Join(dir, "ledger.log"), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(j, `{"seq":99,"set":[{"path":"/b.md","sha256":"bb","status":"indexed","report_id":"bb"}]}`+"\n"+`{"seq":100,"se`)
	j.Close()
	e = openEnv(t, dir)
	if _, ok := e.ledger.Get("/b.md"); ok {
		t.Error("an uncommitted record was replayed")
	}
	if _, ok := e.ledger.Get("/a.md"); !ok {
		t.Error("a committed record was lost")
	}
	// The next commit cuts the uncommitted tail away.
	if err := e.ledger.Commit(ctx, pipeline.Change{Set: []pipeline.Entry{{Path: "/c.md", SHA256: "cc", Status: pipeline.StatusFailed}}}); err != nil {
		t.Fatal(err)
	}
	e.close(t)
	e = openEnv(t, dir)
	if _, ok := e.ledger.Get("/c.md"); !ok || e.ledger.Len() != 2 {
		t.Errorf("after the next commit: %+v", e.ledger.Entries())
	}
	e.close(t)

	// A ledger newer than its index (the index was deleted) is empty.
	os.RemoveAll(filepath.Join(dir, "index"))
	e = openEnv(t, dir)
	if n := e.ledger.Len(); n != 0 {
		t.Errorf("ledger of a deleted index has %d entries", n)
	}
	e.close(t)
}

func TestLedgerReadsTheOldArrayForm(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ledger.json"), []byte(`[{"path":"/a.md","sha256":"aa","status":"failed","reason":"no-text"}]`), 0o644)
	e := openEnv(t, dir)
	defer e.close(t)
	if en, ok := e.ledger.Get("/a.md"); !ok || en.Reason != "no-text" {
		t.Errorf("old ledger: %+v", en)
	}
}

// TestKilledIngestResumes kills an ingest process at random points while
// files change between runs, then runs it clean: exactly one report per
// content, changed files replaced, ledger and index in agreement.
func TestKilledIngestResumes(t *testing.T) {
	if dir := os.Getenv("BAOCAO_TEST_INGEST_DIR"); dir != "" {
		ingestHelper(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns ingest processes")
	}
	work := t.TempDir()
	src, data := filepath.Join(work, "src"), filepath.Join(work, "data")
	os.MkdirAll(src, 0o755)
	const n = 120
	files := writeReports(t, src, n, func(int) int { return 0 })
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	version := make([]int, n)

	killed := 0
	for kill := range 20 {
		// A quarter of the files change (a few into copies of another)
		// before each run, so every run has work to be killed in.
		for range n / 4 {
			i := rng.IntN(n)
			version[i]++
			content := smallReport(i, version[i])
			if rng.IntN(8) == 0 {
				j := rng.IntN(n)
				content = smallReport(j, version[j])
			}
			if err := os.WriteFile(files[i], []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// Kill after a random number of settled files (the helper prints
		// a line for each) and a random moment more: before the first
		// commit, between commits, in the middle of one.
		cmd := helper(t, work)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		k0 := rng.IntN(n)
		for k := k0; k > 0 && lines.Scan(); k-- {
		}
		time.Sleep(time.Duration(rng.Int64N(int64(20 * time.Millisecond))))
		cmd.Process.Signal(syscall.SIGKILL)
		go io.Copy(io.Discard, out)
		werr := cmd.Wait()
		if werr != nil {
			killed++
		}
		t.Logf("run %d, after %d files: %v", kill, k0, werr)
	}
	if killed < 15 {
		t.Errorf("only %d of 20 runs were killed before they ended", killed)
	}
	cmd := helper(t, work)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	checkAgree(t, data, files, 0)
	// And nothing is left to do.
	sum := runBatch(t, data, files, 8)
	if sum.Unchanged != n {
		t.Errorf("a run after the clean run: %d of %d unchanged", sum.Unchanged, n)
	}
}

func helper(t *testing.T, work string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIngestResumes$")
	cmd.Env = append(os.Environ(), "BAOCAO_TEST_INGEST_DIR="+work)
	return cmd
}

// ingestHelper is the ingest process TestKilledIngestResumes kills.
func ingestHelper(t *testing.T, work string) {
	files, err := pipeline.Collect([]string{filepath.Join(work, "src")})
	if err != nil {
		t.Fatal(err)
	}
	e := openEnv(t, filepath.Join(work, "data"))
	defer e.close(t)
	b := &pipeline.Batch{Pipeline: newTestPipeline(t), Ledger: e.ledger, Workers: 2, FlushEvery: 8,
		Progress: func(ev pipeline.Event) { fmt.Println(ev.Outcome) }}
	if _, err := b.Run(context.Background(), files); err != nil {
		t.Fatal(err)
	}
}

func TestBatchSettlesInFileOrder(t *testing.T) {
	// Two copies in one run: the first in file order is indexed, whatever
	// the worker timing.
	src, data := t.TempDir(), t.TempDir()
	var files []string
	for i := range 30 {
		f := filepath.Join(src, "c"+strconv.Itoa(100+i)+".md")
		os.WriteFile(f, []byte(smallReport(i%3, 0)), 0o644)
		files = append(files, f)
	}
	sort.Strings(files)
	sum := runBatch(t, data, files, 4)
	for i, ev := range sum.Events {
		if ev.Path != files[i] {
			t.Fatalf("event %d is %s, want %s", i, ev.Path, files[i])
		}
		want := pipeline.OutcomeDuplicate
		if i < 3 {
			want = pipeline.OutcomeIndexed
		}
		if ev.Outcome != want || !strings.HasPrefix(ev.Path, src) {
			t.Errorf("%s: %s, want %s", filepath.Base(ev.Path), ev.Outcome, want)
		}
	}
}

// A file that becomes a copy of another's content, settled before that
// other file changes in the same commit, takes the content's report over:
// the report is not dropped with the other file's old content.
func TestDuplicateTakesOverInTheSameCommit(t *testing.T) {
	src, data := t.TempDir(), t.TempDir()
	first, second := filepath.Join(src, "a.md"), filepath.Join(src, "b.md")
	os.WriteFile(first, []byte(smallReport(1, 0)), 0o644)
	os.WriteFile(second, []byte(smallReport(2, 0)), 0o644)
	files := []string{first, second}
	runBatch(t, data, files, 64)
	// a.md now copies b.md's content, and b.md moves on.
	os.WriteFile(first, []byte(smallReport(2, 0)), 0o644)
	os.WriteFile(second, []byte(smallReport(2, 1)), 0o644)
	sum := runBatch(t, data, files, 64)
	if sum.Duplicate != 1 || sum.Replaced+sum.Indexed != 1 {
		t.Errorf("second run: %+v", sum)
	}
	checkAgree(t, data, files, 0)
}
