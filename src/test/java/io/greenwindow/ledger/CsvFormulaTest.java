package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 10: a cell that a spreadsheet would run as a formula is exported as plain text; numbers stay numbers. */
class CsvFormulaTest {

    @Test
    void escape_formulaLikeText_isQuotedAsText() {
        assertThat(LedgerCsv.escape("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(LedgerCsv.escape("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(LedgerCsv.escape("-2+3")).isEqualTo("'-2+3");
        assertThat(LedgerCsv.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void escape_numbersAndPlainText_areLeftAsTheyAre() {
        assertThat(LedgerCsv.escape(-0.25)).isEqualTo("-0.25");
        assertThat(LedgerCsv.escape("-0.25")).isEqualTo("-0.25");
        assertThat(LedgerCsv.escape("+1.5e-3")).isEqualTo("+1.5e-3");
        assertThat(LedgerCsv.escape("iris-classifier")).isEqualTo("iris-classifier");
        assertThat(LedgerCsv.escape(null)).isEmpty();
    }
}
