import Foundation

/// หลักฐาน — the kinds of evidence file a record may carry, recognized by their content (magic
/// bytes), never by the name: an executable renamed to ".pdf" is not a PDF.
public enum EvidenceKind: String, CaseIterable, Sendable, Codable {
    case jpeg, png, pdf, docx

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    public var fileExtensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .pdf: ["pdf"]
        case .docx: ["docx"]
        }
    }

    public var isImage: Bool { self == .jpeg || self == .png }

    /// The kind the bytes are, or nil. A DOCX is a ZIP package whose part names (stored in the
    /// clear in the ZIP headers) include `[Content_Types].xml` and `word/`.
    public static func detect(_ data: Data) -> EvidenceKind? {
        let head = [UInt8](data.prefix(8))
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        if head.count >= 5, head[0..<5].elementsEqual(Array("%PDF-".utf8)) { return .pdf }
        if head.count >= 4, head[0..<4].elementsEqual([0x50, 0x4B, 0x03, 0x04]),
           data.range(of: Data("[Content_Types].xml".utf8)) != nil, data.range(of: Data("word/".utf8)) != nil {
            return .docx
        }
        return nil
    }

    /// Every accepted kind, for messages: "JPEG, PNG, PDF, DOCX".
    public static var list: String { allCases.map { $0.rawValue.uppercased() }.joined(separator: ", ") }
}

/// One evidence file of a record: photos, signed orders, announcements. The bytes live in a
/// content-addressed store under their SHA-256; the record keeps this description.
public struct MonitoringEvidence: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    /// The name the file had when it was uploaded (for the download's name only).
    public var fileName: String
    public var kind: EvidenceKind
    public var byteCount: Int
    /// Lower-case hexadecimal SHA-256 of the bytes: the file's address in the store.
    public var sha256: String
    public var addedAt: Date
    /// Shown to the public with the approved round (the admin's choice). Every file starts as
    /// members only: photos show people.
    public var isPublic: Bool

    public init(id: UUID = UUID(), fileName: String, kind: EvidenceKind, byteCount: Int, sha256: String, addedAt: Date,
                isPublic: Bool = false) {
        self.id = id
        self.fileName = fileName
        self.kind = kind
        self.byteCount = byteCount
        self.sha256 = sha256
        self.addedAt = addedAt
        self.isPublic = isPublic
    }

    enum CodingKeys: String, CodingKey { case id, fileName, kind, byteCount, sha256, addedAt, isPublic }

    /// Records stored before files could be made public read as members only.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UUID.self, forKey: .id)
        fileName = try container.decode(String.self, forKey: .fileName)
        kind = try container.decode(EvidenceKind.self, forKey: .kind)
        byteCount = try container.decode(Int.self, forKey: .byteCount)
        sha256 = try container.decode(String.self, forKey: .sha256)
        addedAt = try container.decode(Date.self, forKey: .addedAt)
        isPublic = try container.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false
    }
}

extension MonitoringRound {
    /// The round as someone outside the organization may see it: evidence files the admin has
    /// not made public are left out (their names, too).
    public var publicView: MonitoringRound {
        var round = self
        for index in round.records.indices { round.records[index].evidence.removeAll { !$0.isPublic } }
        return round
    }
}

/// A file an officer uploads for a record, with its SHA-256 (computed by the caller, who has
/// the hashing library).
public struct EvidenceUpload: Hashable, Sendable {
    public var id: UUID
    public var fileName: String
    public var bytes: Data
    public var sha256: String
    public var at: Date

    public init(id: UUID = UUID(), fileName: String, bytes: Data, sha256: String, at: Date) {
        self.id = id
        self.fileName = fileName
        self.bytes = bytes
        self.sha256 = sha256
        self.at = at
    }
}

extension MonitoringWorkflow {
    /// The largest evidence file accepted: 10 MB.
    public static let maximumEvidenceBytes = 10 * 1024 * 1024
    /// Most evidence files on one record.
    public static let maximumEvidencePerRecord = 20

    /// Checks an upload: content of an accepted kind, a name that does not claim another kind,
    /// within the size limit.
    static func evidence(for upload: EvidenceUpload, on record: MonitoringRecord) throws(CommandRefusal) -> MonitoringEvidence {
        guard !upload.bytes.isEmpty else {
            throw refusal(.invalid, field: "file", LocalizedText(th: "กรุณาเลือกไฟล์หลักฐาน", en: "Choose an evidence file"))
        }
        guard upload.bytes.count <= maximumEvidenceBytes else {
            throw refusal(.invalid, field: "file", LocalizedText(
                th: "ไฟล์ใหญ่เกิน \(maximumEvidenceBytes / 1024 / 1024) MB", en: "The file is larger than \(maximumEvidenceBytes / 1024 / 1024) MB"))
        }
        guard let kind = EvidenceKind.detect(upload.bytes) else {
            throw refusal(.invalid, field: "file", LocalizedText(
                th: "เนื้อไฟล์ไม่ใช่ไฟล์ที่รับได้ (\(EvidenceKind.list)) — ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์",
                en: "The file's content is not one of \(EvidenceKind.list) (checked by content, not by name)"))
        }
        let name = String(upload.fileName.cleaned.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "").prefix(200)
        let fileExtension = name.split(separator: ".").count > 1 ? name.split(separator: ".").last.map { $0.lowercased() } : nil
        if let fileExtension, EvidenceKind.allCases.flatMap(\.fileExtensions).contains(fileExtension), !kind.fileExtensions.contains(fileExtension) {
            throw refusal(.invalid, field: "file", LocalizedText(
                th: "ชื่อไฟล์ลงท้ายด้วย .\(fileExtension) แต่เนื้อไฟล์เป็น \(kind.rawValue.uppercased())",
                en: "The name ends in .\(fileExtension) but the content is \(kind.rawValue.uppercased())"))
        }
        guard record.evidence.count < maximumEvidencePerRecord else {
            throw refusal(.invalid, field: "file", LocalizedText(
                th: "แนบหลักฐานได้ไม่เกิน \(maximumEvidencePerRecord) ไฟล์ต่อรายการ", en: "At most \(maximumEvidencePerRecord) files per record"))
        }
        let sha = upload.sha256.lowercased()
        guard sha.count == 64, sha.allSatisfy({ $0.isHexDigit }) else {
            throw refusal(.invalid, field: "file", LocalizedText(th: "ค่าแฮชของไฟล์ไม่ถูกต้อง", en: "Invalid file hash"))
        }
        return MonitoringEvidence(id: upload.id, fileName: name.isEmpty ? "evidence.\(kind.fileExtensions[0])" : String(name),
                                  kind: kind, byteCount: upload.bytes.count, sha256: sha, addedAt: upload.at)
    }
}
