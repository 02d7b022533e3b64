import Foundation
import Vapor
import SujaritCore
import SujaritAPIModels

/// Request bodies read with a clear answer for every way they can be wrong (issue 8, 2.12):
/// an empty API body, a value of the wrong shape (the middleware names its path), form bytes
/// that are not UTF-8 — each a 400 naming what and where, never a 500 or a silent U+FFFD.
enum APIBody {
    /// The JSON body as `T`; an empty body is refused before decoding.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        guard let body = request.body.data, body.readableBytes > 0 else {
            throw SujaritError(.badRequest, LocalizedText(.msgRequestBodyEmpty),
                fields: [FieldError(field: "body", message: LocalizedText(.msgEmpty))])
        }
        do {
            return try request.content.decode(type, as: .json)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // Foundation reports a fraction where a whole number belongs ("version": 1.5) as
            // "not valid JSON" without a path. When the body is JSON, say which value it is.
            guard let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]) else {
                throw DecodingError.dataCorrupted(context)
            }
            let fractions = Self.fractions(in: json, path: "").filter { path, _ in
                Self.wholeNumberKeys.contains(String(path.split(separator: ".").last ?? "").replacingOccurrences(of: #"\[\d+\]$"#, with: "", options: .regularExpression))
            }
            guard !fractions.isEmpty else {
                throw SujaritError(.badRequest, LocalizedText(.msgValueOfWrongType))
            }
            throw SujaritError(.badRequest, LocalizedText(.msgWholeNumberAt, fractions.map(\.0).joined(separator: ", ")),
                fields: fractions.map { path, value in
                    FieldError(field: path, message: LocalizedText(.msgWholeNumberFound, "\(value)"))
                })
        }
    }

    /// Fields of the API that hold whole numbers.
    static let wholeNumberKeys: Set<String> = ["version", "order", "position", "firstYear", "lastYear", "number", "revision", "offset", "dimension",
                                             "fiscalYear", "year", "participants", "headcount"]

    /// Paths ("items[0].order") of numbers with a fractional part.
    static func fractions(in json: Any, path: String) -> [(String, String)] {
        switch json {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key in fractions(in: object[key]!, path: path.isEmpty ? key : "\(path).\(key)") }
        case let array as [Any]:
            return array.enumerated().flatMap { index, element in fractions(in: element, path: "\(path)[\(index)]") }
        case let number as NSNumber:
            let value = number.doubleValue
            return value.rounded() != value ? [(path, number.stringValue)] : []
        default:
            return []
        }
    }
}

enum FormBody {
    /// Refuses an `application/x-www-form-urlencoded` body whose fields are not UTF-8, naming
    /// the first such field. Forms are sent by browsers as UTF-8; anything else would be stored
    /// as U+FFFD replacement characters.
    static func requireUTF8(_ request: Request) throws {
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.data else { return }
        let bytes = Array(body.readableBytesView)
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = decoded(parts[0])
            let value = parts.count > 1 ? decoded(parts[1]) : []
            let fieldName = String(validating: name, as: UTF8.self) ?? "?"
            guard String(validating: name, as: UTF8.self) != nil, String(validating: value, as: UTF8.self) != nil else {
                throw SujaritError(.badRequest, LocalizedText(.msgFieldNotUTF8, fieldName),
                    fields: [FieldError(field: fieldName, message: LocalizedText(.msgNotUTF8))])
            }
        }
    }

    /// Percent-decoding with "+" as a space, as forms are sent.
    static func decoded(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "%"), index + 2 < raw.endIndex, let high = hex(raw[index + 1]), let low = hex(raw[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return out
    }
}
