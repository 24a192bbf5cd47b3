package i18n

// helpMessages are the texts of the command-line help (cmd/baocao: each
// command's use line, short and long description, examples and flag
// usages), keyed by their English text like every message.
// TestEveryHelpTextIsTranslated in cmd/baocao finds the ones missing.
var helpMessages = []struct{ en, vi string }{
	// --- the frame of every help page
	{"Usage:", "Cách dùng:"},
	{"[flags]", "[tham số]"},
	{"[command]", "[lệnh]"},
	{"Examples:", "Ví dụ:"},
	{"Commands:", "Các lệnh:"},
	{"Flags:", "Tham số:"},
	{"Flags of every command:", "Tham số dùng chung cho mọi lệnh:"},
	{"'%s COMMAND --help' tells more about a command.", "'%s LỆNH --help' cho biết thêm về một lệnh."},
	{"help for %s", "trợ giúp của lệnh %s"},
	{"(default %s)", "(mặc định %s)"},
	{"NUMBER", "SỐ"},
	{"DECIMAL", "SỐ_THẬP_PHÂN"},
	{"DURATION", "THỜI_GIAN"},
	{"LIST", "DANH_SÁCH"},
	{"TEXT", "CHUỖI"},
	{"Help about any command", "Trợ giúp về một lệnh"},
	{"Help prints the help of a command: baocao help COMMAND is baocao COMMAND --help.", "Help in trợ giúp của một lệnh: baocao help LỆNH giống baocao LỆNH --help."},
	{"help [command]", "help [lệnh]"},

	// --- baocao
	{"Search, read, compare and check Vietnamese CCHC reports", "Tìm kiếm, đọc, so sánh và kiểm tra báo cáo CCHC"},
	{`baocao turns the periodic administrative-reform (cải cách hành chính, CCHC)
reports that provinces send to the Ministry of Home Affairs into data:
header, section tree, footnotes, cited documents and counts, in a
Vietnamese-aware search index.

Start with:
  baocao quickstart                 ingest the bundled sample reports and tour them
  baocao ingest reports/            add a folder of PDF, DOCX, Markdown or text files
  baocao search "cai cach the che"  search with or without diacritics
  baocao compare --period 2023-Q1   one row per province

Configuration: flags > BAOCAO_* environment > baocao.yaml > defaults.
  data_dir (BAOCAO_DATA_DIR)        where the index and ledger live (default ./data)
  workers, lang, index.*, ingest.*, serve.*, check.*, server.*
                                    see 'baocao config' for every key and its source`,
		`baocao chuyển các báo cáo cải cách hành chính (CCHC) định kỳ mà các tỉnh,
thành phố gửi Bộ Nội vụ thành dữ liệu: phần đầu văn bản, cây mục, chú thích,
văn bản được viện dẫn và số liệu, trong một chỉ mục tìm kiếm hiểu tiếng Việt.

Bắt đầu với:
  baocao quickstart                 nạp các báo cáo mẫu kèm theo và xem thử
  baocao ingest reports/            nạp một thư mục tệp PDF, DOCX, Markdown hoặc văn bản
  baocao search "cai cach the che"  tìm kiếm có dấu hoặc không dấu
  baocao compare --period 2023-Q1   mỗi tỉnh, thành phố một dòng

Cấu hình: tham số > biến môi trường BAOCAO_* > baocao.yaml > mặc định.
  data_dir (BAOCAO_DATA_DIR)        nơi lưu chỉ mục và sổ nạp (mặc định ./data)
  workers, lang, index.*, ingest.*, serve.*, check.*, server.*
                                    'baocao config' liệt kê mọi khoá và nguồn của nó`},
	{"config file (default: ./baocao.yaml if present)", "tệp cấu hình (mặc định: ./baocao.yaml nếu có)"},
	{"folder of the index and the ingest ledger (key data_dir)", "thư mục chứa chỉ mục và sổ nạp (khoá data_dir)"},
	{"language of messages: vi or en (key lang)", "ngôn ngữ hiển thị: vi hoặc en (khoá lang)"},
	{"output format: text or json (some commands: csv)", "định dạng kết quả: text hoặc json (một số lệnh: csv)"},
	{"URL of a running 'baocao serve' to read from and hand files to (key server.url; found by itself in data_dir)", "địa chỉ URL của 'baocao serve' đang chạy để đọc dữ liệu và chuyển tệp (khoá server.url; tự tìm trong data_dir)"},
	{"documents parsed at once (key workers)", "số văn bản được đọc cùng lúc (khoá workers)"},

	// --- check
	{"Check reports against the compliance rules (outline, numbering, footnotes, header, deadline)", "Kiểm tra báo cáo theo quy định (đề cương, đánh số, chú thích, phần đầu, thời hạn)"},
	{`Check reads each FILE (nothing is indexed) and lists what does not follow
the rules of its report type: missing or misplaced sections of the outline
(I–V and the six reform areas), numbering gaps, footnotes without text or
without a mark, a missing number, date or recipient, a period that does not
fit the date, a report sent after its deadline, and impossible or future
dates in citations.

With --period it checks every ingested report of that period instead and
prints one row per province with the number of findings of each rule.

The rules are data: the built-in set (see 'extract/check/default_rules.yaml')
with the file of the config key check.rules merged over it. Messages follow
the config key lang (vi or en).

-o json prints, for one file, {"file", "report_id", "report_type",
"violations": [{"rule", "severity", "message", "location"}]}; for several
files an array of such objects; with --period {"period", "rows": [{"province",
"report_id", "date", "violations"}]}. The exit status is 1 when any finding
is an error.`,
		`Check đọc từng TỆP (không nạp vào chỉ mục) và liệt kê những điểm không theo
quy định của loại báo cáo: mục của đề cương bị thiếu hoặc sai vị trí (I–V và
sáu nội dung cải cách), đánh số không liên tục, chú thích không có nội dung
hoặc không có dấu, thiếu số, ngày hoặc nơi nhận, kỳ báo cáo không khớp với
ngày, báo cáo gửi sau thời hạn, và ngày không hợp lệ hoặc ở tương lai trong
văn bản được viện dẫn.

Với --period, lệnh kiểm tra mọi báo cáo đã nạp của kỳ đó và in mỗi tỉnh,
thành phố một dòng với số phát hiện theo từng quy tắc.

Các quy tắc là dữ liệu: bộ có sẵn (xem 'extract/check/default_rules.yaml')
cộng với tệp của khoá cấu hình check.rules. Thông báo theo khoá lang (vi
hoặc en).

-o json in, với một tệp, {"file", "report_id", "report_type",
"violations": [{"rule", "severity", "message", "location"}]}; với nhiều tệp,
một mảng các đối tượng như vậy; với --period {"period", "rows": [{"province",
"report_id", "date", "violations"}]}. Mã thoát là 1 khi có phát hiện mức lỗi.`},
	{`  baocao check testdata/docs/khanh-hoa-2023-q1.md
  baocao check -o json inbox/*.pdf
  baocao check --period 2023-Q1`, `  baocao check testdata/docs/khanh-hoa-2023-q1.md
  baocao check -o json inbox/*.pdf
  baocao check --period 2023-Q1`},
	{"check FILE... | check --period PERIOD", "check TỆP... | check --period KỲ"},
	{"check the ingested reports of this period", "kiểm tra các báo cáo đã nạp của kỳ này"},

	// --- cited
	{"The documents the reports cite most, or every report citing one document", "Các văn bản được viện dẫn nhiều nhất, hoặc mọi báo cáo viện dẫn một văn bản"},
	{`Cited lists the documents cited by the most reports, national documents
(NĐ-CP, QĐ-TTg, TT-BNV, /QH15, -NQ/TW…) and local ones (QĐ-UBND, KH-UBND,
NQ-HĐND, /TU…) apart. A cited document is its number/symbol plus its issuing
authority and year: local documents belong to the province the citation
names ("của UBND tỉnh X") or else to the citing report's province, so Khánh
Hòa's 512/QĐ-UBND and Sơn La's 512/QĐ-UBND are two documents.

With KEY (from the listing: vn~30_2020_nd-cp~2020, khanh-hoa~512_qd-ubnd~2023)
it prints the document and every report citing it, in time order, with the
sections that cite it.

-o json prints {"national": [...], "local": [...]} of {"key", "ref",
"national", "authority", "year", "type", "date", "issuer", "title",
"reports"}; with KEY, one such object with "citations": [{"report_id",
"province", "period", "date", "number", "sections", "type", "ref",
"doc_date", "issuer", "title", "text", "key"}].`,
		`Cited liệt kê các văn bản được nhiều báo cáo viện dẫn nhất, văn bản trung
ương (NĐ-CP, QĐ-TTg, TT-BNV, /QH15, -NQ/TW…) và văn bản địa phương (QĐ-UBND,
KH-UBND, NQ-HĐND, /TU…) riêng. Một văn bản được viện dẫn gồm số, ký hiệu cùng
cơ quan ban hành và năm: văn bản địa phương thuộc tỉnh mà trích dẫn nêu ("của
UBND tỉnh X"), nếu không thì thuộc tỉnh của báo cáo viện dẫn, nên 512/QĐ-UBND
của Khánh Hòa và 512/QĐ-UBND của Sơn La là hai văn bản.

Với KHOÁ (lấy từ danh sách: vn~30_2020_nd-cp~2020, khanh-hoa~512_qd-ubnd~2023),
lệnh in văn bản đó và mọi báo cáo viện dẫn nó, theo thứ tự thời gian, cùng
các mục có viện dẫn.

-o json in {"national": [...], "local": [...]} gồm các {"key", "ref",
"national", "authority", "year", "type", "date", "issuer", "title",
"reports"}; với KHOÁ, một đối tượng như vậy kèm "citations": [{"report_id",
"province", "period", "date", "number", "sections", "type", "ref",
"doc_date", "issuer", "title", "text", "key"}].`},
	{`  baocao cited --period 2023-Q1 --top 5
  baocao cited --province "Khánh Hòa"
  baocao cited vn~107_2021_nd-cp~2021 -o json | jq '.citations[].province'`, `  baocao cited --period 2023-Q1 --top 5
  baocao cited --province "Khánh Hòa"
  baocao cited vn~107_2021_nd-cp~2021 -o json | jq '.citations[].province'`},
	{"cited [KEY]", "cited [KHOÁ]"},
	{"period of the citing reports: 2023-Q1, 2023-H1, 2023-9M, 2023", "kỳ của các báo cáo viện dẫn: 2023-Q1, 2023-H1, 2023-9M, 2023"},
	{"province of the citing reports", "tỉnh, thành phố của các báo cáo viện dẫn"},
	{"documents listed of each kind", "số văn bản liệt kê cho mỗi loại"},

	// --- compare
	{"Compare provinces for one period: one row per province, one column per indicator", "So sánh các tỉnh, thành phố trong một kỳ: mỗi tỉnh một dòng, mỗi chỉ tiêu một cột"},
	{`Compare shows, for each province that reported for PERIOD, the value its
report states for each indicator (dossier.received, dossier.online_pct,
index.par_rank …; see README "Indicators"), as stated: a rate stays a rate,
a rank stays "11/63", and indicators are never added together. A value the
report does not state is blank, not 0; a report stating two different values
for one indicator is marked. When a province has several reports for the
period, the latest is used and the others are listed.

--indicators picks the columns (comma-separated ids, or "all"); without it a
default set (the catalogue's compare: true) is shown.

PERIOD is 2023-Q1 (quarter), 2023-H1 (6 months), 2023-9M (9 months) or 2023 (year).
Output: a table, -o json, -o csv, or -o xlsx (a workbook on stdout).`,
		`Compare cho biết, với mỗi tỉnh, thành phố đã báo cáo kỳ KỲ, giá trị báo cáo
nêu cho từng chỉ tiêu (dossier.received, dossier.online_pct, index.par_rank …;
xem mục "Indicators" của README), đúng như được nêu: tỷ lệ vẫn là tỷ lệ, xếp
hạng vẫn là "11/63", và không bao giờ cộng các chỉ tiêu với nhau. Giá trị báo
cáo không nêu để trống, không phải 0; báo cáo nêu hai giá trị khác nhau cho
một chỉ tiêu được đánh dấu. Khi một tỉnh có nhiều báo cáo trong kỳ, báo cáo
mới nhất được dùng và các báo cáo khác được liệt kê.

--indicators chọn các cột (mã chỉ tiêu cách nhau bởi dấu phẩy, hoặc "all");
không có thì dùng bộ mặc định (compare: true trong danh mục).

KỲ là 2023-Q1 (quý), 2023-H1 (6 tháng), 2023-9M (9 tháng) hoặc 2023 (năm).
Kết quả: bảng, -o json, -o csv, hoặc -o xlsx (bảng tính ra stdout).`},
	{`  baocao compare --period 2023-Q1
  baocao compare --period 2023-Q1 --indicators dossier.online_pct,dossier.on_time_pct,index.par_rank
  baocao compare --period 2024-H1 -o csv > so-sanh.csv
  baocao compare --period 2024-H1 -o xlsx > so-sanh.xlsx`, `  baocao compare --period 2023-Q1
  baocao compare --period 2023-Q1 --indicators dossier.online_pct,dossier.on_time_pct,index.par_rank
  baocao compare --period 2024-H1 -o csv > so-sanh.csv
  baocao compare --period 2024-H1 -o xlsx > so-sanh.xlsx`},
	{"compare --period PERIOD [--indicators a,b,…]", "compare --period KỲ [--indicators a,b,…]"},
	{`indicator ids to compare, comma-separated, or "all" (default: the catalogue's default set)`, `mã các chỉ tiêu cần so sánh, cách nhau bởi dấu phẩy, hoặc "all" (mặc định: bộ mặc định của danh mục)`},
	{"the period to compare (required)", "kỳ cần so sánh (bắt buộc)"},

	// --- config
	{"Print the configuration in effect (after file, environment and flags)", "In cấu hình đang dùng (sau tệp cấu hình, biến môi trường và tham số)"},
	{`Config prints every key with the value in effect and where it came from:
default, file (baocao.yaml or --config FILE), env (BAOCAO_* variables,
index.batch_size → BAOCAO_INDEX_BATCH_SIZE) or flag, from lowest to highest
precedence. An unknown key in the file, or an unknown BAOCAO_* variable, is
an error that lists the valid keys. serve.token is never printed.

-o json prints {"file", "keys": {KEY: {"value", "source", "env"}}} with the
keys' own names and durations as text ("2s").`,
		`Config in mọi khoá với giá trị đang dùng và nguồn của nó: mặc định, tệp
(baocao.yaml hoặc --config TỆP), biến môi trường (BAOCAO_*, index.batch_size
→ BAOCAO_INDEX_BATCH_SIZE) hoặc tham số, theo thứ tự ưu tiên từ thấp đến cao.
Khoá lạ trong tệp, hoặc biến BAOCAO_* lạ, là lỗi kèm danh sách khoá hợp lệ.
serve.token không bao giờ được in ra.

-o json in {"file", "keys": {KHOÁ: {"value", "source", "env"}}} với tên khoá
của cấu hình và khoảng thời gian dạng chữ ("2s").`},

	// --- extract, extract-one
	{"Extract one report and print it (nothing is indexed)", "Trích xuất một báo cáo và in ra (không nạp vào chỉ mục)"},
	{`Extract reads one report (PDF, DOCX, Markdown or text), and prints what
baocao finds in it: header (issuer, province, số/ký hiệu, date, title,
recipients, reporting period), the section tree, footnotes with the section
of their marker, cited documents and counts, each with its evidence.

With -o json it prints one Report object; its schema is
extract/report.schema.json and the README documents it.`,
		`Extract đọc một báo cáo (PDF, DOCX, Markdown hoặc văn bản) và in những gì
baocao tìm thấy: phần đầu văn bản (cơ quan ban hành, tỉnh, số/ký hiệu, ngày,
trích yếu, nơi nhận, kỳ báo cáo), cây mục, chú thích kèm mục chứa dấu chú
thích, văn bản được viện dẫn và số liệu, mỗi thứ kèm đoạn trích làm chứng cứ.

Với -o json, lệnh in một đối tượng Report; lược đồ của nó là
extract/report.schema.json, được mô tả trong README.`},
	{`  baocao extract testdata/docs/khanh-hoa-2023-q1.md
  baocao extract -o json report.pdf | jq '.citations[].ref'`, `  baocao extract testdata/docs/khanh-hoa-2023-q1.md
  baocao extract -o json bao-cao.pdf | jq '.citations[].ref'`},
	{"extract FILE", "extract TỆP"},
	{"extract a file that does not look like a report too (no header, no sections)", "trích xuất cả tệp không giống báo cáo (không có phần đầu, không có mục)"},
	{"Parse files from stdin in a worker process (used by ingest)", "Đọc tệp từ stdin trong một tiến trình phụ (lệnh ingest dùng)"},
	{"extract-one --format FORMAT", "extract-one --format ĐỊNH_DẠNG"},
	{"pdf, docx, doc, rtf, odt, markdown or text", "pdf, docx, doc, rtf, odt, markdown hoặc text"},
	{"memory cap of this process, in MB (the parent enforces it)", "giới hạn bộ nhớ của tiến trình này, tính bằng MB (tiến trình cha áp dụng)"},

	// --- ingest
	{"Add reports (files or folders) to the index", "Nạp báo cáo (tệp hoặc thư mục) vào chỉ mục"},
	{`Ingest reads every PDF, DOCX, Markdown and text file under the given paths,
extracts each report and adds it to the index in data_dir. Files of other
kinds get the reason "unsupported" in the summary and the ledger.

It is incremental by content: a file already ingested with the same content
is skipped, a changed file replaces its old report, a file with the same
content as another is recorded as a duplicate and not indexed twice, and a
file that failed is not retried until it changes. One bad file is reported
with its reason and the rest go on. A file with no recognisable header and
no report structure is refused as not-a-report (--force indexes it anyway).
The exit status is 1 when any file failed. The summary counts the failed
files by reason; files of unsupported kinds are listed one by one only with
-v or -o json.

With --prune, files ingested from under the given folders that are gone
from the disk leave the index (a report goes when every one of its files is
gone; removing one rendition keeps the report), each recorded in the ledger
as pruned.

While 'baocao serve' runs, it owns the index: ingest then hands the files to
it (found by itself in data_dir, or --server URL), with serve.token /
BAOCAO_SERVE_TOKEN.`,
		`Ingest đọc mọi tệp PDF, DOCX, Markdown và văn bản trong các đường dẫn đã cho,
trích xuất từng báo cáo và thêm vào chỉ mục trong data_dir. Tệp loại khác được
ghi lý do "unsupported" (định dạng không được hỗ trợ) trong bản tóm tắt và sổ nạp.

Việc nạp dựa trên nội dung: tệp đã nạp với cùng nội dung được bỏ qua, tệp đã
sửa thay thế báo cáo cũ, tệp trùng nội dung với tệp khác được ghi là trùng và
không nạp hai lần, tệp đã lỗi không được thử lại cho đến khi thay đổi. Một tệp
hỏng được báo kèm lý do và các tệp khác vẫn được nạp. Tệp không có phần đầu văn
bản và không có cấu trúc báo cáo bị từ chối là not-a-report (--force vẫn nạp).
Mã thoát là 1 khi có tệp lỗi. Bản tóm tắt đếm số tệp lỗi theo từng lý do; các
tệp định dạng không được hỗ trợ chỉ được liệt kê từng tệp với -v hoặc -o json.

Với --prune, các tệp đã nạp từ các thư mục đã cho mà không còn trên đĩa được
gỡ khỏi chỉ mục (báo cáo bị gỡ khi mọi tệp của nó đều không còn; gỡ một bản
vẫn giữ báo cáo), mỗi lần gỡ được ghi vào sổ nạp là pruned.

Khi 'baocao serve' đang chạy, máy chủ giữ chỉ mục: ingest khi đó chuyển tệp
cho máy chủ (tự tìm trong data_dir, hoặc --server URL), kèm serve.token /
BAOCAO_SERVE_TOKEN.`},
	{`  baocao ingest testdata/docs
  baocao ingest -o json inbox/*.pdf
  baocao ingest --prune reports/
  baocao ingest --server http://127.0.0.1:8080 new-reports/`, `  baocao ingest testdata/docs
  baocao ingest -o json inbox/*.pdf
  baocao ingest --prune bao-cao/
  baocao ingest --server http://127.0.0.1:8080 bao-cao-moi/`},
	{"ingest PATH...", "ingest ĐƯỜNG_DẪN..."},
	{"index files that do not look like reports too (no header, no sections)", "nạp cả tệp không giống báo cáo (không có phần đầu, không có mục)"},
	{"list every file that failed, the unsupported kinds too", "liệt kê từng tệp lỗi, kể cả các tệp thuộc loại không được hỗ trợ"},
	{"also remove from the index the files under the given folders that are gone from the disk", "gỡ khỏi chỉ mục cả các tệp trong các thư mục đã cho mà không còn trên đĩa"},

	// --- ledger
	{"List every file ingest has seen: indexed, duplicate or failed, and why", "Liệt kê mọi tệp đã qua lệnh nạp: đã nạp, trùng hoặc lỗi, và lý do"},
	{`Ledger prints the ingest ledger (data_dir/ledger.json and its journal
ledger.log, as far as the index has committed them): each file's path,
content hash, status (indexed, duplicate, failed), report id, and for a failed
file the reason and the error. A failed file is not retried until its content
changes. -o json prints the entries as an array.`,
		`Ledger in sổ nạp (data_dir/ledger.json và nhật ký ledger.log, trong phạm vi
chỉ mục đã ghi nhận): đường dẫn của từng tệp, mã băm nội dung, tình trạng
(đã nạp, trùng, lỗi), mã báo cáo, và với tệp lỗi thì lý do và thông báo lỗi.
Tệp lỗi không được thử lại cho đến khi nội dung thay đổi. -o json in các
dòng của sổ thành một mảng.`},
	{`  baocao ledger --failed
  baocao ledger -o json | jq '.[] | select(.status=="failed") | .path'`, `  baocao ledger --failed
  baocao ledger -o json | jq '.[] | select(.status=="failed") | .path'`},
	{"only the files that failed", "chỉ các tệp bị lỗi"},

	// --- quickstart
	{"Ingest the bundled sample reports and show what an analyst sees", "Nạp các báo cáo mẫu kèm theo và cho xem những gì người phân tích thấy"},
	{`Quickstart unpacks the sample reports carried in the binary into
data_dir/samples (default ./data/samples), ingests them into data_dir and
prints a tour: how many reports, sections, citations and counts were found,
sample searches, and the comparison table of the period with the most
provinces. It works from any folder. Run it again and nothing is re-ingested.

--docs FOLDER ingests that folder instead of the bundled samples.
With --serve it then starts the web app on the same data (--addr, or
serve.addr, default 127.0.0.1:8080) until Ctrl-C.
-o json prints only a JSON summary: {"data_dir", "docs", "ingest",
"reports", "provinces", "periods"}.`,
		`Quickstart giải nén các báo cáo mẫu có sẵn trong chương trình vào
data_dir/samples (mặc định ./data/samples), nạp vào data_dir và in một vòng
xem thử: số báo cáo, mục, văn bản được viện dẫn và chỉ tiêu tìm thấy, vài lượt
tìm kiếm mẫu, và bảng so sánh của kỳ có nhiều tỉnh, thành phố nhất. Lệnh chạy
được từ bất kỳ thư mục nào. Chạy lại thì không nạp lại gì.

--docs THƯ_MỤC nạp thư mục đó thay cho các báo cáo mẫu.
Với --serve, lệnh sau đó chạy ứng dụng web trên cùng dữ liệu (--addr, hoặc
serve.addr, mặc định 127.0.0.1:8080) cho đến khi bấm Ctrl-C.
-o json chỉ in bản tóm tắt JSON: {"data_dir", "docs", "ingest",
"reports", "provinces", "periods"}.`},
	{"with --serve: listen address (key serve.addr, default 127.0.0.1:8080)", "với --serve: địa chỉ lắng nghe (khoá serve.addr, mặc định 127.0.0.1:8080)"},
	{"folder of reports to ingest instead of the bundled samples", "thư mục báo cáo cần nạp thay cho các báo cáo mẫu"},
	{"then serve the web app on the same data", "sau đó chạy ứng dụng web trên cùng dữ liệu"},

	// --- remove
	{"Take reports or files out of the index (recorded in the ledger)", "Gỡ báo cáo hoặc tệp khỏi chỉ mục (ghi vào sổ nạp)"},
	{`Remove takes reports out of the index. An ID (or a unique prefix) removes the
whole report: every rendition and every earlier version. A PATH (a file that
was ingested) removes that file's rendition only: the report stays while it
has another file, read from the best one left, and goes with its last.
Every removal is recorded in the ledger (status removed); a removed file
that is ingested again comes back as new. 'ingest --prune DIR' removes the
files under DIR that are gone from the disk.

-o json prints {"removed": [{"path", "report_id", "status", "reason"}]}.`,
		`Remove gỡ báo cáo khỏi chỉ mục. Một MÃ (hoặc phần đầu duy nhất của mã) gỡ cả
báo cáo: mọi bản và mọi phiên bản trước. Một ĐƯỜNG_DẪN (tệp đã nạp) chỉ gỡ bản
của tệp đó: báo cáo còn lại khi còn tệp khác, được đọc từ tệp tốt nhất còn lại,
và bị gỡ cùng tệp cuối cùng. Mỗi lần gỡ được ghi vào sổ nạp (tình trạng
removed); tệp đã gỡ được nạp lại sẽ là tệp mới. 'ingest --prune THƯ_MỤC' gỡ các
tệp trong THƯ_MỤC không còn trên đĩa.

-o json in {"removed": [{"path", "report_id", "status", "reason"}]}.`},
	{`  baocao remove 3768e0af
  baocao remove reports/khanh-hoa-2023-q1.pdf`, `  baocao remove 3768e0af
  baocao remove bao-cao/khanh-hoa-2023-q1.pdf`},
	{"remove ID|PATH...", "remove MÃ|ĐƯỜNG_DẪN..."},

	// --- search
	{"Search the reports, section by section", "Tìm kiếm trong báo cáo, theo từng mục"},
	{`Search finds the reports of QUERY, one hit per report: its best section,
and how many more of its sections match (--sections lists every section).

Query language:
  words        every word must occur (relaxed to any when no report has all);
               with or without diacritics, either tone style: cai cach, Thanh Hoá
  "a phrase"   the words together, in this order; abbreviations match inside:
               "kiosk tra cứu thông tin TTHC"
  -word        leave out reports containing the word (or -"a phrase")
  a OR b       either one
  3604/QĐ-UBND a document number: the reports citing it
  tinh:X       province (tinh:"Thanh Hóa", tinh:thanh-hoa, tinh:HCM)
  ky:X         period: 2023-Q1, 2023-H1, 2023-9M, 2023
  so:X         reports citing, or numbered, this document: so:30/2020/NĐ-CP
  loai:X       document type: loai:"báo cáo", loai:KH

Reports are ranked by the words typed together (a place, a phrase of
several syllables), with their diacritics and tone style before other
spellings; a word only in a heading counts less. A filter value that names
nothing (unknown province, malformed period) is a usage error (exit 2).`,
		`Search tìm các báo cáo khớp với TỪ_KHOÁ, mỗi báo cáo một kết quả: mục khớp
nhất, và số mục khác cũng khớp (--sections liệt kê từng mục).

Cú pháp tìm kiếm:
  từ ngữ       mọi từ đều phải có (nới thành một phần khi không báo cáo nào có đủ);
               có dấu hoặc không dấu, kiểu bỏ dấu nào cũng được: cai cach, Thanh Hoá
  "cụm từ"     các từ liền nhau, theo thứ tự; từ viết tắt khớp cả bên trong:
               "kiosk tra cứu thông tin TTHC"
  -từ          bỏ các báo cáo có từ này (hoặc -"cụm từ")
  a OR b       một trong hai
  3604/QĐ-UBND số, ký hiệu văn bản: các báo cáo viện dẫn văn bản đó
  tinh:X       tỉnh, thành phố (tinh:"Thanh Hóa", tinh:thanh-hoa, tinh:HCM)
  ky:X         kỳ báo cáo: 2023-Q1, 2023-H1, 2023-9M, 2023
  so:X         báo cáo viện dẫn, hoặc mang số, văn bản này: so:30/2020/NĐ-CP
  loai:X       loại văn bản: loai:"báo cáo", loai:KH

Báo cáo được xếp hạng theo các từ gõ liền nhau (một địa danh, một cụm nhiều
âm tiết), cách viết đúng dấu và đúng kiểu bỏ dấu được ưu tiên; từ chỉ có trong
tên mục được tính ít hơn. Giá trị lọc không khớp gì (tỉnh không có, kỳ sai
dạng) là lỗi cách dùng (mã thoát 2).`},
	{`  baocao search "chính phủ số" --period 2023-Q1
  baocao search 'TTHC tinh:"Khánh Hòa"' --limit 20
  baocao search '"kiosk tra cứu" -"Hà Nội" ky:2024-H1' --sort date
  baocao search 3604/QĐ-UBND -o json
  baocao search "" --has-finding late-submission --from 2023-01 --to 2023-06
  baocao search "một cửa" -o csv > hits.csv      # -o xlsx > hits.xlsx; every hit up to 1000
`, `  baocao search "chính phủ số" --period 2023-Q1
  baocao search 'TTHC tinh:"Khánh Hòa"' --limit 20
  baocao search '"kiosk tra cứu" -"Hà Nội" ky:2024-H1' --sort date
  baocao search 3604/QĐ-UBND -o json
  baocao search "" --has-finding late-submission --from 2023-01 --to 2023-06
  baocao search "một cửa" -o csv > ket-qua.csv   # -o xlsx > ket-qua.xlsx; mọi kết quả, tối đa 1000
`},
	{"search QUERY", "search TỪ_KHOÁ"},
	{"only reports dated on or after: 2023-03-15, 2023-03 or 2023", "chỉ các báo cáo có ngày từ: 2023-03-15, 2023-03 hoặc 2023"},
	{"only reports stored with a finding of this rule (late-submission, missing-section, …)", "chỉ các báo cáo có phát hiện của quy tắc này (late-submission, missing-section, …)"},
	{"hits per page", "số kết quả mỗi trang"},
	{"hits to skip", "số kết quả bỏ qua"},
	{"only this period: 2023-Q1, 2023-H1, 2023-9M, 2023", "chỉ kỳ này: 2023-Q1, 2023-H1, 2023-9M, 2023"},
	{"only reports of this province", "chỉ các báo cáo của tỉnh, thành phố này"},
	{"every matching section, not one hit per report", "mọi mục khớp, không chỉ một kết quả mỗi báo cáo"},
	{"relevance, or date (newest first)", "relevance (mức độ phù hợp), hoặc date (mới nhất trước)"},
	{"only reports dated on or before: 2023-03-15, 2023-03 or 2023", "chỉ các báo cáo có ngày đến: 2023-03-15, 2023-03 hoặc 2023"},

	// --- serve
	{"Run the web app and HTTP API, and ingest the inbox on a schedule", "Chạy ứng dụng web và API HTTP, và nạp thư mục inbox theo lịch"},
	{`Serve runs the analysts' web app (search, reports, comparison, ingest ledger)
and the JSON API (documented at /api/openapi.yaml) on serve.addr
(default 127.0.0.1:8080).

The server owns the index: while it runs, 'baocao ingest' cannot write it, and
hands files to the server instead with --server URL. The server scans its
inbox (serve.inbox, default data_dir/inbox) at startup and on serve.schedule
(a 5-field cron expression, default "0 2 * * *": every night at 02:00; "off"
disables it), and when the "ingest now" button or POST /api/ingest asks.
Files that fail move to serve.quarantine (default data_dir/quarantine) with
a <name>.reason.txt note. Uploads and "ingest now" need serve.token
(BAOCAO_SERVE_TOKEN).

--demo ingests the sample reports carried in the binary (or --docs FOLDER)
into a temporary data_dir (or the one given with --data-dir) and serves
them; without a configured token it makes one up and logs it.

While it runs, the server writes its address into data_dir/serve.json: the
read commands (search, show, compare, check --period, submissions) and
ingest find it there and go through it, since it holds the index.

SIGINT or SIGTERM stops the server gracefully: requests in progress and the
ingest batch in flight finish first.`,
		`Serve chạy ứng dụng web cho người phân tích (tìm kiếm, báo cáo, so sánh, sổ
nạp) và API JSON (mô tả tại /api/openapi.yaml) trên serve.addr (mặc định
127.0.0.1:8080).

Máy chủ giữ chỉ mục: khi máy chủ chạy, 'baocao ingest' không ghi được chỉ mục
mà chuyển tệp cho máy chủ với --server URL. Máy chủ quét thư mục inbox
(serve.inbox, mặc định data_dir/inbox) khi khởi động và theo serve.schedule
(biểu thức cron 5 trường, mặc định "0 2 * * *": 02:00 hằng đêm; "off" để tắt),
và khi nút "Nạp ngay" hoặc POST /api/ingest yêu cầu. Tệp lỗi được chuyển sang
serve.quarantine (mặc định data_dir/quarantine) kèm ghi chú <tên>.reason.txt.
Tải lên và "Nạp ngay" cần serve.token (BAOCAO_SERVE_TOKEN).

--demo nạp các báo cáo mẫu có sẵn trong chương trình (hoặc --docs THƯ_MỤC) vào
một data_dir tạm (hoặc data_dir cho bởi --data-dir) rồi phục vụ; khi chưa cấu
hình mã truy cập, máy chủ tự tạo một mã và ghi vào nhật ký.

Khi chạy, máy chủ ghi địa chỉ của nó vào data_dir/serve.json: các lệnh đọc
(search, show, compare, check --period, submissions) và ingest tìm thấy ở đó
và đi qua máy chủ, vì máy chủ giữ chỉ mục.

SIGINT hoặc SIGTERM dừng máy chủ an toàn: các yêu cầu đang xử lý và lô nạp
đang chạy được hoàn tất trước.`},
	{`  baocao serve --demo
  BAOCAO_SERVE_TOKEN=secret baocao serve --addr 127.0.0.1:9000
  baocao ingest --server http://127.0.0.1:8080 new-reports/`, `  baocao serve --demo
  BAOCAO_SERVE_TOKEN=bi-mat baocao serve --addr 127.0.0.1:9000
  baocao ingest --server http://127.0.0.1:8080 bao-cao-moi/`},
	{"listen address (key serve.addr, default 127.0.0.1:8080)", "địa chỉ lắng nghe (khoá serve.addr, mặc định 127.0.0.1:8080)"},
	{"ingest the bundled sample reports first (into a temporary data_dir unless --data-dir is given)", "nạp các báo cáo mẫu kèm theo trước (vào một data_dir tạm, trừ khi có --data-dir)"},
	{"with --demo: a folder of reports instead of the bundled samples", "với --demo: thư mục báo cáo thay cho các báo cáo mẫu"},
	{"write logs as JSON lines instead of text", "ghi nhật ký thành các dòng JSON thay vì văn bản"},

	// --- show
	{"Show an ingested report with its sections, footnotes, citations and counts", "Xem một báo cáo đã nạp với các mục, chú thích, văn bản viện dẫn và số liệu"},
	{`Show prints an ingested report: header, each section with its text,
footnotes with the section of their marker, cited documents and counts.
ID is the report id from search or ingest; a unique prefix is enough.
With -o json it prints the Report object, as 'baocao extract -o json' does.`,
		`Show in một báo cáo đã nạp: phần đầu văn bản, từng mục với nội dung, chú
thích kèm mục chứa dấu chú thích, văn bản được viện dẫn và số liệu.
MÃ là mã báo cáo lấy từ search hoặc ingest; chỉ cần phần đầu duy nhất.
Với -o json, lệnh in đối tượng Report, như 'baocao extract -o json'.`},
	{`  baocao show 3768e0af             # Khánh Hòa, Q1 2023, after baocao quickstart
  baocao show 3768e0af -o json | jq .meta`, `  baocao show 3768e0af             # Khánh Hòa, quý I/2023, sau baocao quickstart
  baocao show 3768e0af -o json | jq .meta`},
	{"show ID", "show MÃ"},

	// --- similar
	{"Sections of other provinces' reports that say nearly the same as this report's", "Các mục trong báo cáo của tỉnh khác có nội dung gần như giống mục của báo cáo này"},
	{`Similar finds, for each section of report ID, sections of other provinces'
reports whose text is the same or nearly the same: a Jaccard similarity of
their 5-word shingles of at least 0.7 (README "Reuse across quarters"). It
spots copy-paste between provinces and common wording worth reading side by
side. The candidates come from the index (a text query per section), so it
does not scan every report.

-o json prints {"matches": [{"section", "title", "other_report",
"other_section", "province", "period", "similarity", "text", "other_text"}]}.`,
		`Similar tìm, cho mỗi mục của báo cáo MÃ, các mục trong báo cáo của tỉnh khác
có nội dung giống hoặc gần giống: độ tương đồng Jaccard của các cụm 5 từ liên
tiếp từ 0,7 trở lên (mục "Reuse across quarters" của README). Lệnh giúp phát
hiện sao chép giữa các tỉnh và cách viết chung đáng đọc song song. Các ứng viên
lấy từ chỉ mục (một truy vấn cho mỗi mục), nên không phải quét mọi báo cáo.

-o json in {"matches": [{"section", "title", "other_report",
"other_section", "province", "period", "similarity", "text", "other_text"}]}.`},
	{`  baocao similar 3768e0af
  baocao similar 3768e0af -o json | jq '.matches[] | [.province, .similarity]'`, `  baocao similar 3768e0af
  baocao similar 3768e0af -o json | jq '.matches[] | [.province, .similarity]'`},
	{"similar ID", "similar MÃ"},
	{"matches shown", "số kết quả hiển thị"},

	// --- submissions
	{"Which provinces reported for a period, on time or late, and which did not", "Các tỉnh, thành phố đã nộp báo cáo kỳ nào, đúng hạn hay trễ hạn, và tỉnh nào chưa nộp"},
	{`Submissions lists every province-level unit that existed at PERIOD (the 63
units before 01/7/2025, the 34 after; the day used is the period's due date)
with the report ingested for it: its date, and whether it arrived by the due
date of the rules (Văn bản 581/BNV-CCHC: Q1 by 20/3, H1 by 20/6, Q3 and 9M
by 20/9, the year by 20/12; a report's own date stands for its arrival).

When a province sent several reports for the period, the one that counts is
the latest by date, then the smallest id (as in 'compare'); the others are
listed as duplicates. Reports naming a province that did not exist at that
period are listed apart.

Status: on_time, late, undated (no date in the header), missing.
-o json prints {"period", "due", "day", "units", "submitted", "on_time",
"late", "missing", "rows": [{"province", "status", "report_id", "date",
"days_late", "duplicates"}], "others": [...]}.`,
		`Submissions liệt kê mọi đơn vị cấp tỉnh tồn tại vào KỲ (63 đơn vị trước
01/7/2025, 34 đơn vị sau đó; ngày được dùng là hạn nộp của kỳ) cùng báo cáo đã
nạp của đơn vị: ngày báo cáo, và báo cáo có đến trước hạn nộp theo quy định hay
không (Văn bản 581/BNV-CCHC: quý I trước 20/3, 6 tháng trước 20/6, quý III và 9
tháng trước 20/9, năm trước 20/12; ngày của báo cáo được coi là ngày đến).

Khi một tỉnh gửi nhiều báo cáo trong kỳ, báo cáo được tính là báo cáo có ngày
mới nhất, rồi mã nhỏ nhất (như 'compare'); các báo cáo khác được liệt kê là
trùng. Báo cáo nêu một tỉnh không tồn tại vào kỳ đó được liệt kê riêng.

Tình trạng: on_time (đúng hạn), late (trễ hạn), undated (không ghi ngày),
missing (chưa nộp).
-o json in {"period", "due", "day", "units", "submitted", "on_time",
"late", "missing", "rows": [{"province", "status", "report_id", "date",
"days_late", "duplicates"}], "others": [...]}.`},
	{`  baocao submissions --period 2023-Q1
  baocao submissions --period 2025-Q3 -o json | jq '.rows[] | select(.status=="missing") | .province'`, `  baocao submissions --period 2023-Q1
  baocao submissions --period 2025-Q3 -o json | jq '.rows[] | select(.status=="missing") | .province'`},
	{"submissions --period PERIOD", "submissions --period KỲ"},
	{"the period to track (required)", "kỳ cần theo dõi (bắt buộc)"},

	// --- trend
	{"One indicator over the reporting periods, by province, with sanity checks", "Một chỉ tiêu qua các kỳ báo cáo, theo tỉnh, thành phố, kèm kiểm tra hợp lý"},
	{`Trend lists, for each province (or only --province), the value its reports
state for one indicator (see README "Indicators"), period by period. Quarter
figures and the cumulative figures of the 6-month, 9-month and year reports are
separate series, never mixed. Impossible series are warned about: a rate above
100%, a rank beyond its ranking, a figure since the start of the year that
falls from one report to the next.`,
		`Trend liệt kê, cho mỗi tỉnh, thành phố (hoặc chỉ --province), giá trị các báo
cáo nêu cho một chỉ tiêu (xem mục "Indicators" của README), theo từng kỳ. Số
liệu từng quý và số liệu lũy kế của báo cáo 6 tháng, 9 tháng, năm là các chuỗi
riêng, không trộn lẫn. Chuỗi số vô lý được cảnh báo: tỷ lệ trên 100%, thứ hạng
vượt quá số đơn vị xếp hạng, số lũy kế từ đầu năm giảm từ báo cáo này sang báo
cáo sau.`},
	{`  baocao trend --indicator dossier.online_pct
  baocao trend --indicator dossier.received --province "Khánh Hòa" --from 2023-Q1 --to 2025 -o json`, `  baocao trend --indicator dossier.online_pct
  baocao trend --indicator dossier.received --province "Khánh Hòa" --from 2023-Q1 --to 2025 -o json`},
	{"trend --indicator ID [--province P] [--from PERIOD] [--to PERIOD]", "trend --indicator MÃ [--province TỈNH] [--from KỲ] [--to KỲ]"},
	{"first period (2023-Q1)", "kỳ đầu (2023-Q1)"},
	{"the indicator id (required): dossier.online_pct, index.par_rank …", "mã chỉ tiêu (bắt buộc): dossier.online_pct, index.par_rank …"},
	{"only this province", "chỉ tỉnh, thành phố này"},
	{"last period (2025)", "kỳ cuối (2025)"},
}
