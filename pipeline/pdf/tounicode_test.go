package pdf

import "testing"

func TestDecodeWide(t *testing.T) {
	ranges := []wideRange{{lo: 0x0000, hi: 0xFFFF, dst: 0x0000}, {lo: 0x0100, hi: 0x02FF, dst: 0x4E00}}
	for code, want := range map[int]string{0x1EE6: "Ủ", 0x0041: "A", 0x00C2: "Â"} {
		if got, ok := decodeWide(ranges, code); !ok || got != want {
			t.Errorf("decodeWide(%04X) = %q, %v, want %q", code, got, ok, want)
		}
	}
	if _, ok := decodeWide(ranges, 0xD800); ok {
		t.Error("a surrogate half decoded")
	}
	if _, ok := decodeWide(ranges[1:], 0x0041); ok {
		t.Error("a code outside every range decoded")
	}
}
