extension Henkilotunnus {
    /// `text` with every run shaped like a henkilötunnus masked (`010594Y***2`), valid or not.
    ///
    /// For texts a receipt quotes (a `tunniste`, an unknown value, an interface's error text):
    /// stricter than the log guard, which masks valid codes only, because a typed-in code with a
    /// wrong check character still points at a person. A shape is six digits, a century sign,
    /// three digits and a check character, in any letter case, not inside a longer run of letters
    /// and digits (so request ids and long numbers stay as they are).
    public static func maskingShapes(in text: String) -> String {
        let chars = Array(text)
        guard chars.count >= 11 else { return text }
        func isAlphanumeric(_ index: Int) -> Bool {
            index >= 0 && index < chars.count && chars[index].isASCII && (chars[index].isLetter || chars[index].isNumber)
        }
        func isShape(at start: Int) -> Bool {
            guard start + 11 <= chars.count, !isAlphanumeric(start - 1), !isAlphanumeric(start + 11) else { return false }
            for offset in [0, 1, 2, 3, 4, 5, 7, 8, 9] where !chars[start + offset].isASCIIDigit { return false }
            let check = chars[start + 10]
            return centuries[Character(chars[start + 6].uppercased())] != nil && check.isASCII && (check.isLetter || check.isNumber)
        }
        var out = ""
        var index = 0
        while index < chars.count {
            if chars[index].isASCIIDigit, isShape(at: index) {
                out += mask(String(chars[index..<index + 11]))
                index += 11
                continue
            }
            out.append(chars[index])
            index += 1
        }
        return out
    }
}
