import Foundation

/// กติการหัสผ่าน — what a new password must be, for the web form and the `sujarit user`
/// commands alike. Length is what makes a password hard to guess, so the rules are a minimum
/// length, bcrypt's 72-byte limit, and refusing the few choices that are guessed first (the
/// username, the old password, one character repeated, the best-known passwords).
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt reads no further than 72 bytes: a longer password would not be what is checked.
    public static let maximumBytes = 72

    /// Passwords tried first by anyone guessing (lower case, spaces removed).
    static let common: Set<String> = [
        "1234567890", "0123456789", "12345678910", "password1234", "password123", "qwertyuiop", "1qaz2wsx3edc",
        "qwerty1234", "abcdefghij", "abc1234567", "iloveyou123", "administrator", "admin12345", "sujarit1234",
        "0987654321", "1111111111", "รหัสผ่าน1234",
    ]

    /// The problems of `new` by field (`newPassword`, `confirmation`); empty when it may be used.
    /// `confirmation` nil: not asked (a script reading the password from standard input).
    public static func problems(new: String, confirmation: String?, username: String, current: String? = nil) -> [String: LocalizedText] {
        var problems: [String: LocalizedText] = [:]
        let folded = new.lowercased().filter { !$0.isWhitespace }
        if new.count < minimumLength {
            problems["newPassword"] = LocalizedText(th: "รหัสผ่านต้องยาวอย่างน้อย \(minimumLength) ตัวอักษร", en: "The password needs at least \(minimumLength) characters")
        } else if new.utf8.count > maximumBytes {
            problems["newPassword"] = LocalizedText(
                th: "รหัสผ่านยาวเกินไป (ไม่เกิน \(maximumBytes) ไบต์ — อักษรไทยหนึ่งตัวใช้ 3 ไบต์)",
                en: "The password is too long (at most \(maximumBytes) bytes; a Thai letter takes 3)")
        } else if !username.isEmpty && folded.contains(username.lowercased()) {
            problems["newPassword"] = LocalizedText(th: "รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น", en: "The password must not contain the username")
        } else if Set(new).count < 3 {
            problems["newPassword"] = LocalizedText(th: "รหัสผ่านต้องมีตัวอักษรต่างกันอย่างน้อย 3 ตัว", en: "The password needs at least 3 different characters")
        } else if common.contains(folded) {
            problems["newPassword"] = LocalizedText(th: "รหัสผ่านนี้เดาง่ายเกินไป", en: "This password is too easy to guess")
        } else if let current, current == new {
            problems["newPassword"] = LocalizedText(th: "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม", en: "The new password must differ from the current one")
        }
        if let confirmation, confirmation != new {
            problems["confirmation"] = LocalizedText(th: "รหัสผ่านที่ยืนยันไม่ตรงกับรหัสผ่านใหม่", en: "The confirmation does not match the new password")
        }
        return problems
    }
}
