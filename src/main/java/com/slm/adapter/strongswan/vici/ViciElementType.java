package com.slm.adapter.strongswan.vici;

/** The element types of a VICI message, with their wire codes. */
enum ViciElementType {
    SECTION_START(1), SECTION_END(2), KEY_VALUE(3), LIST_START(4), LIST_ITEM(5), LIST_END(6);

    final int code;

    ViciElementType(int code) {
        this.code = code;
    }

    static ViciElementType of(int code) {
        for (ViciElementType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
