//! A port of Go's `text/tabwriter` (elastic tabstops), as kubectl uses it.
//!
//! Source: `text/tabwriter/tabwriter.go` (Go standard library) and its fork
//! `github.com/liggitt/tabwriter` (adds `RememberWidths`), which
//! `staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go` imports.
//!
//! Settings kubectl uses:
//! - `kubectl get`: `GetNewTabWriter` = `NewWriter(out, 6, 4, 3, ' ', RememberWidths)`
//!   (minwidth 6, tabwidth 4, padding 3; older kubectl had minwidth 10).
//! - `kubectl describe`: `tabbedString` = `Init(buf, 0, 8, 2, ' ', 0)` (describe.go).
//!
//! Only what kubectl needs is ported: no HTML filtering, no Escape sequences, no right alignment,
//! no DiscardEmptyColumns, no Debug bars. Cell widths count Unicode scalar values, as Go counts
//! runes (`utf8.RuneCount`); wide CJK characters are not expected in object names.

/// A segment of text terminated by a tab or a line break.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cell {
    /// Bytes of text in `buf`.
    size: usize,
    /// Width in runes.
    width: usize,
    /// Terminated by a `'\t'` (rather than `'\v'` or a line break).
    htab: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TabWriter {
    minwidth: usize,
    tabwidth: usize,
    padding: usize,
    padchar: u8,
    remember_widths: bool,

    /// Collected text excluding tabs and line breaks.
    buf: String,
    /// Position in `buf` up to which `cell.width` has been computed.
    pos: usize,
    /// The current, incomplete cell.
    cell: Cell,
    lines: Vec<Vec<Cell>>,
    /// Column widths, a stack during `format`.
    widths: Vec<usize>,
    /// Per-column maximum widths kept across flushes (`RememberWidths`).
    maxwidths: Vec<usize>,

    out: String,
}

impl TabWriter {
    /// `tabwriter.NewWriter(out, minwidth, tabwidth, padding, padchar, flags)`.
    pub(crate) fn new(
        minwidth: usize,
        tabwidth: usize,
        padding: usize,
        padchar: u8,
        remember_widths: bool,
    ) -> Self {
        let mut w = TabWriter {
            minwidth,
            tabwidth,
            padding,
            padchar,
            remember_widths,
            buf: String::new(),
            pos: 0,
            cell: Cell::default(),
            lines: Vec::new(),
            widths: Vec::new(),
            maxwidths: Vec::new(),
            out: String::new(),
        };
        w.reset();
        w
    }

    /// The writer `kubectl get` prints tables through (cli-runtime `GetNewTabWriter`).
    pub(crate) fn for_get() -> Self {
        TabWriter::new(6, 4, 3, b' ', true)
    }

    /// The writer `kubectl describe` prints through (describe.go `tabbedString`).
    pub(crate) fn for_describe() -> Self {
        TabWriter::new(0, 8, 2, b' ', false)
    }

    fn reset(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.cell = Cell::default();
        self.lines.clear();
        self.widths.clear();
        self.lines.push(Vec::new());
    }

    fn add_line(&mut self) {
        self.lines.push(Vec::new());
    }

    fn update_width(&mut self) {
        self.cell.width += self.buf[self.pos..].chars().count();
        self.pos = self.buf.len();
    }

    fn append(&mut self, text: &str) {
        self.buf.push_str(text);
        self.cell.size += text.len();
    }

    /// Terminates the current cell; returns the number of cells in the current line.
    fn terminate_cell(&mut self, htab: bool) -> usize {
        self.cell.htab = htab;
        let cell = std::mem::take(&mut self.cell);
        match self.lines.last_mut() {
            Some(line) => {
                line.push(cell);
                line.len()
            }
            None => {
                self.lines.push(vec![cell]);
                1
            }
        }
    }

    /// `Writer.Write`: splits `text` into cells at `\t`, `\v`, `\n`, `\f`.
    pub(crate) fn write(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut n = 0;
        for (i, &ch) in bytes.iter().enumerate() {
            if matches!(ch, b'\t' | 0x0b | b'\n' | 0x0c) {
                // The split points are ASCII, so these are char boundaries.
                self.append(&text[n..i]);
                self.update_width();
                n = i + 1;
                let ncells = self.terminate_cell(ch == b'\t');
                if ch == b'\n' || ch == 0x0c {
                    self.add_line();
                    // A '\f' always flushes; so does a line of a single cell, which cannot
                    // affect the formatting of the lines after it.
                    if ch == 0x0c || ncells == 1 {
                        self.flush();
                    }
                }
            }
        }
        self.append(&text[n..]);
    }

    /// `Writer.Flush`: formats everything buffered.
    pub(crate) fn flush(&mut self) {
        if self.cell.size > 0 {
            self.terminate_cell(false);
        }
        let nlines = self.lines.len();
        self.format(0, 0, nlines);
        self.reset();
    }

    /// Takes what was laid out so far (after `flush`), keeping remembered widths.
    pub(crate) fn take_output(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Flushes and returns everything written.
    pub(crate) fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    fn write_padding(&mut self, textw: usize, cellw: usize) {
        if self.padchar == b'\t' {
            if self.tabwidth == 0 {
                return;
            }
            let cellw = cellw.div_ceil(self.tabwidth) * self.tabwidth;
            let n = cellw.saturating_sub(textw);
            for _ in 0..n.div_ceil(self.tabwidth) {
                self.out.push('\t');
            }
            return;
        }
        let pad = char::from(self.padchar);
        for _ in 0..cellw.saturating_sub(textw) {
            self.out.push(pad);
        }
    }

    fn write_lines(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        for i in line0..line1 {
            let ncells = self.lines[i].len();
            for j in 0..ncells {
                let c = self.lines[i][j];
                if c.size > 0 {
                    let end = pos + c.size;
                    // Cells are cut at ASCII separators, so `pos..end` is on char boundaries.
                    let text = self.buf.get(pos..end).unwrap_or_default().to_string();
                    self.out.push_str(&text);
                    pos = end;
                }
                if j < self.widths.len() {
                    let w = self.widths[j];
                    self.write_padding(c.width, w);
                }
            }
            if i + 1 == self.lines.len() {
                // Last buffered line: no newline, write any outstanding text.
                let end = pos + self.cell.size;
                let text = self.buf.get(pos..end).unwrap_or_default().to_string();
                self.out.push_str(&text);
                pos = end;
            } else {
                self.out.push('\n');
            }
        }
        pos
    }

    /// Formats lines `line0..line1`; `pos0` is the buffer position of the start of `line0`.
    fn format(&mut self, pos0: usize, mut line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            // The last cell of a line is not tab-terminated and belongs to no column.
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            // This line has a cell in this column: print the lines before the block.
            pos = self.write_lines(pos, line0, this);
            line0 = this;

            // Column block: the contiguous lines that have a cell in this column.
            let mut width = self.minwidth;
            while this < line1 {
                let line = &self.lines[this];
                if column + 1 >= line.len() {
                    break;
                }
                let w = line[column].width + self.padding;
                if w > width {
                    width = w;
                }
                this += 1;
            }

            if self.remember_widths {
                let depth = self.widths.len();
                if self.maxwidths.len() < depth {
                    let missing = self.widths[self.maxwidths.len()..].to_vec();
                    self.maxwidths.extend(missing);
                }
                if self.maxwidths.len() == depth {
                    self.maxwidths.push(width);
                } else if self.maxwidths[depth] > width {
                    width = self.maxwidths[depth];
                } else if self.maxwidths[depth] < width {
                    self.maxwidths[depth] = width;
                }
            }

            // Format the columns to the right, now that this one's width is known.
            self.widths.push(width);
            pos = self.format(pos, line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(pos, line0, line1)
    }
}

/// Lays out rows as `kubectl get` does: cells joined by tabs, one line per row, through
/// `GetNewTabWriter`. A cell's text is cut at its first newline and marked `...`
/// (tableprinter.go `printTable`).
pub(crate) fn get_table(header: &[&str], rows: &[Vec<String>]) -> String {
    layout(Some(header), rows)
}

/// `get_table` with `--no-headers`: the widths come from the rows alone.
pub(crate) fn get_table_no_headers(rows: &[Vec<String>]) -> String {
    layout(None, rows)
}

fn layout(header: Option<&[&str]>, rows: &[Vec<String>]) -> String {
    let mut w = TabWriter::for_get();
    let mut text = String::new();
    if let Some(header) = header {
        text.push_str(&header.join("\t"));
        text.push('\n');
    }
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c.find('\n') {
                Some(i) => format!("{}...", &c[..i]),
                None => c.clone(),
            })
            .collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    w.write(&text);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tw(minwidth: usize, tabwidth: usize, padding: usize, text: &str) -> String {
        let mut w = TabWriter::new(minwidth, tabwidth, padding, b' ', false);
        w.write(text);
        w.finish()
    }

    #[test]
    fn basic_alignment() {
        // Cell width = max(text + padding, minwidth); the last cell of a line is not padded.
        let got = tw(0, 8, 1, "a\tb\tc\naa\tbb\tcc\naaa\t\n");
        assert_eq!(got, "a   b  c\naa  bb cc\naaa \n");
    }

    #[test]
    fn minwidth_applies() {
        let got = tw(6, 4, 3, "NAME\tAGE\npi\t5s\n");
        assert_eq!(got, "NAME   AGE\npi     5s\n");
    }

    #[test]
    fn non_contiguous_columns_are_separate_blocks() {
        // The Go doc example: b and c are in distinct columns.
        let got = tw(0, 8, 1, "aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n");
        assert_eq!(got, "aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n");
    }

    #[test]
    fn single_cell_line_breaks_blocks() {
        let got = tw(0, 8, 2, "Name:\tpi\nPod Template:\n  Labels:\tx=y\n");
        assert_eq!(got, "Name:  pi\nPod Template:\n  Labels:  x=y\n");
    }

    #[test]
    fn continuation_lines_with_empty_first_cell() {
        let got = tw(0, 8, 2, "Labels:\ta=b\n\tc=d\nAnnotations:\t<none>\n");
        assert_eq!(
            got,
            "Labels:       a=b\n              c=d\nAnnotations:  <none>\n"
        );
    }

    #[test]
    fn width_counts_chars_not_bytes() {
        let got = tw(0, 8, 1, "é\tx\nab\ty\n");
        assert_eq!(got, "é  x\nab y\n");
    }

    #[test]
    fn no_trailing_newline_keeps_last_text() {
        let got = tw(0, 8, 1, "a\tb\nc");
        assert_eq!(got, "a b\nc");
    }

    #[test]
    fn explicit_flush_starts_new_blocks() {
        let mut w = TabWriter::new(0, 8, 1, b' ', false);
        w.write("aaaaaa\tx\n");
        w.flush();
        w.write("b\ty\n");
        assert_eq!(w.finish(), "aaaaaa x\nb y\n");
    }

    #[test]
    fn remember_widths_keeps_widths_across_flushes() {
        let mut w = TabWriter::new(0, 8, 1, b' ', true);
        w.write("aaaaaa\tx\n");
        w.flush();
        w.write("b\ty\n");
        assert_eq!(w.finish(), "aaaaaa x\nb      y\n");
    }

    /// Runs one vector as Go's `check` does: written all at once, and char by char.
    fn check(
        name: &str,
        minwidth: usize,
        tabwidth: usize,
        padding: usize,
        padchar: u8,
        src: &str,
        want: &str,
    ) {
        let mut w = TabWriter::new(minwidth, tabwidth, padding, padchar, false);
        w.write(src);
        assert_eq!(w.finish(), want, "{name} (all at once)");
        let mut w = TabWriter::new(minwidth, tabwidth, padding, padchar, false);
        let mut buf = [0u8; 4];
        for ch in src.chars() {
            w.write(ch.encode_utf8(&mut buf));
        }
        assert_eq!(w.finish(), want, "{name} (char by char)");
    }

    #[test]
    fn go_tabwriter_test_vectors() {
        // `tests` in Go's text/tabwriter/tabwriter_test.go (as kept in liggitt/tabwriter), the
        // vectors with flags 0 (no escapes, HTML, AlignRight or DiscardEmptyColumns).
        check("1a", 8, 0, 1, b'.', "", "");
        check("2", 8, 0, 1, b'.', "\n\n\n", "\n\n\n");
        check("3", 8, 0, 1, b'.', "a\nb\nc", "a\nb\nc");
        check("4a", 8, 0, 1, b'.', "\t", "");
        check("5", 8, 0, 1, b'.', "*\t*", "*.......*");
        check("5b", 8, 0, 1, b'.', "*\t*\n", "*.......*\n");
        check("5c", 8, 0, 1, b'.', "*\t*\t", "*.......*");
        check("6", 8, 0, 1, b'.', "\t\n", "........\n");
        check("7a", 8, 0, 1, b'.', "a) foo", "a) foo");
        check("7b", 8, 0, 1, b' ', "b) foo\tbar", "b) foo  bar");
        check("7c", 8, 0, 1, b'.', "c) foo\tbar\t", "c) foo..bar");
        check("7d", 8, 0, 1, b'.', "d) foo\tbar\n", "d) foo..bar\n");
        check("7e", 8, 0, 1, b'.', "e) foo\tbar\t\n", "e) foo..bar.....\n");
        check("8", 8, 0, 1, b'*', "Hello, world!\n", "Hello, world!\n");
        check(
            "9a",
            1,
            0,
            0,
            b'.',
            "1\t2\t3\t4\n11\t222\t3333\t44444\n",
            "1.2..3...4\n11222333344444\n",
        );
        check(
            "9c",
            1,
            0,
            0,
            b'.',
            "1\t2\t3\t4\x0c11\t222\t3333\t44444\n",
            "1234\n11222333344444\n",
        );
        check("10a", 5, 0, 0, b'.', "1\t2\t3\t4\n", "1....2....3....4\n");
        check(
            "10b",
            5,
            0,
            0,
            b'.',
            "1\t2\t3\t4\t\n",
            "1....2....3....4....\n",
        );
        check(
            "11",
            8,
            0,
            1,
            b'.',
            "本\tb\tc\naa\t\u{672c}\u{672c}\u{672c}\tcccc\tddddd\naaa\tbbbb\n",
            "本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n",
        );
        check(
            "12b",
            2,
            0,
            0,
            b' ',
            "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
            "a  b  c\naa bbbcccc\naaabbbb\n",
        );
        check(
            "12c",
            8,
            0,
            1,
            b'_',
            "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
            "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n",
        );
        check(
            "13a",
            4, 0, 1, b'-',
            "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
            "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n",
        );
        check(
            "13b",
            4, 0, 3, b'.',
            "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
            "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n",
        );
        check("15a", 4, 0, 0, b'.', "a\t\tb", "a.......b");
        check(
            "16a",
            100,
            100,
            0,
            b'\t',
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
        );
    }

    #[test]
    fn go_multi_write_with_kubectl_settings() {
        // TestMultiWrite (liggitt/tabwriter): NewWriter(buf, 6, 4, 3, ' ', RememberWidths),
        // exactly kubectl's GetNewTabWriter.
        let mut w = TabWriter::for_get();
        w.write("First\tMiddle\tLast\n");
        w.write("a\tbb\tccc\n");
        w.write("ddd\teeeeeeeeeeeeee\tf\n");
        w.flush();
        w.write("g\th\ti\n");
        w.flush();
        w.write("j\t\t\n");
        w.flush();
        w.write("\tk\t\n");
        w.flush();
        w.write("\t\tl\n");
        w.flush();
        w.write("mmmmmmmmmmmmmmm\tnnn\tooo\n");
        assert_eq!(
            w.finish(),
            [
                "First   Middle           Last\n",
                "a       bb               ccc\n",
                "ddd     eeeeeeeeeeeeee   f\n",
                "g       h                i\n",
                "j                        \n",
                "        k                \n",
                "                         l\n",
                "mmmmmmmmmmmmmmm   nnn              ooo\n",
            ]
            .concat()
        );
    }

    #[test]
    fn get_table_layout_and_newline_truncation() {
        let got = get_table(&["NAME", "MESSAGE"], &[vec!["a".into(), "one\ntwo".into()]]);
        assert_eq!(got, "NAME   MESSAGE\na      one...\n");
    }
}
