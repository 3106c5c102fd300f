package com.slm.audit;

/**
 * Fits a value into one of the seal table's indexed columns: control characters (NUL is refused by PostgreSQL)
 * become spaces, and the text is cut to the column's length in characters, never inside a surrogate pair. These
 * columns only serve queries; the record itself keeps the value as it was.
 */
final class IndexedColumn {
    private IndexedColumn() {
    }

    static String fit(Object value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.toString().replaceAll("\\p{Cntrl}", " ");
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
