import Foundation
import ZIPFoundation

/// An Office Open XML package (DOCX, XLSX): named parts in a ZIP archive. Parts are written in
/// the order they were added, `[Content_Types].xml` first, with a fixed modification date so the
/// same document always gives the same bytes.
struct OOXMLPackage {
    private var parts: [(path: String, data: Data)] = []

    /// 1 January 2024, 00:00 UTC: every entry's date, for byte-stable output.
    private static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)

    mutating func add(_ path: String, _ xml: String) {
        parts.append((path, Data(xml.utf8)))
    }

    mutating func add(_ path: String, data: Data) {
        parts.append((path, data))
    }

    /// The ZIP bytes. Writing to memory only fails when memory itself does; that is a crash
    /// anywhere else too, so it is not passed on as a recoverable error.
    func data() -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let bytes = part.data
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: Self.fixedDate, compressionMethod: .deflate,
                                     provider: { position, size in
                                         let start = Int(position)
                                         return bytes.subdata(in: start..<min(start + size, bytes.count))
                                     })
            }
            guard let data = archive.data else { preconditionFailure("in-memory ZIP archive has no data") }
            return data
        } catch {
            preconditionFailure("writing an in-memory ZIP archive failed: \(error)")
        }
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
