/// Windows-1252, the code page of old Finnish Excel exports; own table so the core needs no
/// Foundation. Bytes 0x00–0x7F and 0xA0–0xFF are Latin-1; 0x80–0x9F are the table below.
enum Windows1252 {
    /// Code points for 0x80…0x9F; the five unassigned bytes keep their C1 value (as Windows does).
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The character a byte stands for.
    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(byte), let mapped = Unicode.Scalar(high[Int(byte) - 0x80]) { return mapped }
        return Unicode.Scalar(byte)
    }

    /// Decodes a whole buffer (every byte sequence is valid Windows-1252).
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(scalar(byte)) }
        return String(text)
    }
}
