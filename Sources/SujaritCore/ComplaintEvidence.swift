import Foundation

/// หลักฐานประกอบเรื่องร้องเรียน — the kinds of evidence file the complaint channel accepts. The
/// kind is decided by the file's content (its first bytes and, for Office files, the parts
/// inside), never by its name: an executable renamed `.pdf` is refused.
public enum EvidenceFileKind: String, CaseIterable, Sendable, Codable {
    case jpeg, png, gif, webp, pdf, docx, xlsx, pptx, mp3, mp4, text

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .mp3: "audio/mpeg"
        case .mp4: "video/mp4"
        case .text: "text/plain; charset=utf-8"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .text: "txt"
        default: rawValue
        }
    }

    /// "รูปภาพ JPEG", for lists.
    public var thaiName: String {
        switch self {
        case .jpeg, .png, .gif, .webp: "รูปภาพ \(rawValue.uppercased())"
        case .pdf: "เอกสาร PDF"
        case .docx: "เอกสาร Word"
        case .xlsx: "ตาราง Excel"
        case .pptx: "งานนำเสนอ PowerPoint"
        case .mp3: "ไฟล์เสียง MP3"
        case .mp4: "วิดีโอ/เสียง MP4"
        case .text: "ข้อความ"
        }
    }

    public var englishName: String {
        switch self {
        case .jpeg, .png, .gif, .webp: "\(rawValue.uppercased()) image"
        case .pdf: "PDF document"
        case .docx: "Word document"
        case .xlsx: "Excel sheet"
        case .pptx: "PowerPoint presentation"
        case .mp3: "MP3 audio"
        case .mp4: "MP4 video/audio"
        case .text: "text"
        }
    }
}

/// Checks one evidence file: its kind by content, its size, its name.
public enum EvidenceFileCheck {
    /// 10 MB a file.
    public static let maximumFileSize = 10 * 1024 * 1024
    /// 5 files a submission, 25 MB together.
    public static let maximumFilesPerSubmission = 5
    public static let maximumSubmissionSize = 25 * 1024 * 1024

    public struct Refusal: Error, Equatable, Sendable {
        public var message: LocalizedText
        init(th: String, en: String) { message = LocalizedText(th: th, en: en) }
    }

    public static let acceptedText = "JPEG, PNG, GIF, WebP, PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), MP3, MP4 หรือไฟล์ข้อความ"

    /// The kind of a file, or why it is refused. `name` only appears in the message.
    public static func check(_ bytes: [UInt8], name: String) throws -> EvidenceFileKind {
        let shown = String(name.prefix(80))
        guard !bytes.isEmpty else {
            throw Refusal(th: "ไฟล์ \"\(shown)\" ว่างเปล่า", en: "File \"\(shown)\" is empty")
        }
        guard bytes.count <= maximumFileSize else {
            throw Refusal(th: "ไฟล์ \"\(shown)\" มีขนาดเกิน \(maximumFileSize / 1024 / 1024) MB",
                          en: "File \"\(shown)\" is larger than \(maximumFileSize / 1024 / 1024) MB")
        }
        if isExecutable(bytes) {
            throw Refusal(th: "ไฟล์ \"\(shown)\" เป็นโปรแกรม ไม่รับไฟล์ประเภทนี้ (ไม่ว่าชื่อไฟล์จะเป็นอะไร)",
                          en: "File \"\(shown)\" is a program; programs are not accepted whatever their name")
        }
        guard let kind = detect(bytes) else {
            throw Refusal(th: "ไม่รับไฟล์ \"\(shown)\": รับเฉพาะ \(acceptedText) (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์)",
                          en: "File \"\(shown)\" is not an accepted type (checked by content, not by name)")
        }
        return kind
    }

    /// Windows PE ("MZ"), ELF, Mach-O (32/64-bit, both byte orders, universal), Java class,
    /// and scripts starting with "#!".
    public static func isExecutable(_ b: [UInt8]) -> Bool {
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b.prefix(prefix.count)) == prefix }
        return starts([0x4D, 0x5A]) || starts([0x7F, 0x45, 0x4C, 0x46])
            || starts([0xFE, 0xED, 0xFA, 0xCE]) || starts([0xFE, 0xED, 0xFA, 0xCF])
            || starts([0xCE, 0xFA, 0xED, 0xFE]) || starts([0xCF, 0xFA, 0xED, 0xFE])
            || starts([0xCA, 0xFE, 0xBA, 0xBE]) || starts([0x23, 0x21])
    }

    /// The kind the content is, or nil.
    public static func detect(_ b: [UInt8]) -> EvidenceFileKind? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<(offset + prefix.count)]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts(Array("ID3".utf8)) || (b.count > 2 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0 && b[1] != 0xFF) { return .mp3 }
        if starts(Array("ftyp".utf8), at: 4) { return .mp4 }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return officeKind(b) }
        if isPlainText(b) { return .text }
        return nil
    }

    /// An Office Open XML package: a ZIP whose entry names (stored uncompressed in the local
    /// headers) include `[Content_Types].xml` and the main part of Word, Excel or PowerPoint.
    /// Packages with macros (`vbaProject.bin`) and other ZIP files are refused.
    static func officeKind(_ b: [UInt8]) -> EvidenceFileKind? {
        let names = zipEntryNames(b)
        guard names.contains("[Content_Types].xml"), !names.contains(where: { $0.hasSuffix("vbaProject.bin") }) else { return nil }
        if names.contains("word/document.xml") { return .docx }
        if names.contains("xl/workbook.xml") { return .xlsx }
        if names.contains("ppt/presentation.xml") { return .pptx }
        return nil
    }

    /// The names in a ZIP's local file headers, walked from the start (sizes known) and, for
    /// entries with a data descriptor, found by scanning for the next header.
    static func zipEntryNames(_ b: [UInt8]) -> [String] {
        var names: [String] = []
        var offset = 0
        func u16(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 }
        let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        while offset + 30 <= b.count, Array(b[offset..<(offset + 4)]) == signature, names.count < 10_000 {
            let flags = u16(offset + 6)
            let compressed = u32(offset + 18)
            let nameLength = u16(offset + 26)
            let extraLength = u16(offset + 28)
            let nameStart = offset + 30
            guard nameStart + nameLength <= b.count else { break }
            names.append(String(decoding: b[nameStart..<(nameStart + nameLength)], as: UTF8.self))
            let dataStart = nameStart + nameLength + extraLength
            if flags & 0x08 != 0 {
                // Size follows the data: look for the next local header.
                var next = dataStart
                while next + 4 <= b.count, Array(b[next..<(next + 4)]) != signature { next += 1 }
                offset = next
            } else {
                offset = dataStart + compressed
            }
        }
        return names
    }

    /// UTF-8 text without NUL or other control characters (tab, newlines and carriage returns
    /// allowed).
    static func isPlainText(_ b: [UInt8]) -> Bool {
        guard String(bytes: b, encoding: .utf8) != nil else { return false }
        return !b.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
    }

    /// A file name safe to show and to offer for download: the last path component, without
    /// control characters or quotes, at most 120 characters; the detected kind's extension is
    /// added when the name does not already end with it.
    public static func safeName(_ name: String, kind: EvidenceFileKind) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(String.UnicodeScalarView(last.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" && !(0x80...0x9F).contains($0.value)
        })).trimmingCharacters(in: .whitespaces)
        if cleaned.isEmpty || cleaned.hasPrefix(".") { cleaned = "หลักฐาน" + cleaned }
        cleaned = String(cleaned.prefix(120))
        let ext = "." + kind.fileExtension
        let alternatives = kind == .jpeg ? [".jpg", ".jpeg"] : [ext]
        if !alternatives.contains(where: { cleaned.lowercased().hasSuffix($0) }) { cleaned += ext }
        return cleaned
    }
}

/// What is sealed beside an evidence file's content: its name and kind (the name can identify
/// the reporter, so it is never stored in the clear).
public struct EvidenceFileInfo: Codable, Sendable, Equatable {
    public var name: String
    public var kind: EvidenceFileKind
    public var size: Int
    /// The file's own key (base64), for files sealed under a key of their own; nil for files
    /// sealed by the vault before per-officer sealing. The description is sealed, so the key
    /// is readable exactly by those who may read the description.
    public var fileKey: String?

    public init(name: String, kind: EvidenceFileKind, size: Int, fileKey: String? = nil) {
        self.name = name
        self.kind = kind
        self.size = size
        self.fileKey = fileKey
    }
}
