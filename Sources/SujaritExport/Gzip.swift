import Foundation
import ZIPFoundation

/// gzip (RFC 1952) of bytes in memory, for answers kept compressed once and sent to every
/// client that accepts `Content-Encoding: gzip` (the public cache). ZIPFoundation's raw deflate
/// (zlib) between a fixed header (no name, no time, so equal bytes give an equal file) and the
/// CRC-32 and length trailer.
public enum Gzip {
    public static func compress(_ data: Data) -> Data? {
        var deflated = Data()
        let crc: CRC32
        do {
            crc = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }, consumer: { deflated.append($0) })
        } catch {
            return nil
        }
        var file = Data([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03])
        file.append(deflated)
        for value in [UInt32(crc), UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { file.append(contentsOf: $0) }
        }
        return file
    }
}
