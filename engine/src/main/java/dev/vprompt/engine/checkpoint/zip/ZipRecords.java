package dev.vprompt.engine.checkpoint.zip;

/** Zip record signatures and sizes (PKWARE APPNOTE 6.3), shared by the reader and the writer. */
final class ZipRecords {

    static final int LOCAL_HEADER = 0x04034b50;
    static final int CENTRAL_HEADER = 0x02014b50;
    static final int DATA_DESCRIPTOR = 0x08074b50;
    static final int END = 0x06054b50;
    static final int ZIP64_END = 0x06064b50;
    static final int ZIP64_LOCATOR = 0x07064b50;

    static final int LOCAL_HEADER_SIZE = 30;
    static final int CENTRAL_HEADER_SIZE = 46;
    static final int END_SIZE = 22;
    static final int ZIP64_END_SIZE = 56;
    static final int ZIP64_LOCATOR_SIZE = 20;

    /** Extra field id of the ZIP64 extended information. */
    static final int ZIP64_EXTRA = 0x0001;
    /** Extra field id PyTorch uses to pad local headers so data starts aligned ("FB"). */
    static final int PADDING_EXTRA = 0x4246;

    /** General purpose flags PyTorch writes: data descriptor follows (bit 3), UTF-8 names (bit 11). */
    static final int FLAGS = 0x0808;

    static final long MAX_U32 = 0xffffffffL;
    static final int MAX_U16 = 0xffff;

    private ZipRecords() {}
}
