import Testing
import TextmillJSON
import TextmillTestSupport

/// `JSONParser.forEachMember` (the JSONL hot path) against `parse`: it must accept exactly the
/// objects `parse` accepts and report the same members, on records mutated into every shape.
@Suite struct JSONParserMembersTests {
    static let records: [String] = [
        #"{"id": "en-1", "text": "plain words"}"#,
        #"{"id": 7, "text": "esc \"q\" \\ \n \u00e9 \ud83d\ude00"}"#,
        #" { "text" : "a" , "id" : -1.5e3 , "meta": {"x": [1, {"y": null}], "z": true}, "t": false } "#,
        #"{"id": "a", "id": "b", "text": "dup", "text": "last"}"#,
        #"{"text": ["not", "a", "string"], "id": {"nested": 1}}"#,
        #"{}"#,
        #"[1, 2]"#,
        #""just a string""#,
    ]

    enum Seen: Equatable {
        case string(Range<Int>, Bool), number(Range<Int>), other
    }

    static func viaMembers(_ bytes: [UInt8]) -> Result<[(Range<Int>, Seen)]?, JSONParseError> {
        bytes.withUnsafeBufferPointer { buffer in
            var seen: [(Range<Int>, Seen)] = []
            do throws(JSONParseError) {
                let isObject = try JSONParser.forEachMember(buffer) { key, value in
                    switch value {
                    case .string(let span): seen.append((key.range, .string(span.range, span.hasEscapes)))
                    case .number(let range): seen.append((key.range, .number(range)))
                    case .other: seen.append((key.range, .other))
                    }
                }
                return .success(isObject ? seen : nil)
            } catch {
                return .failure(error)
            }
        }
    }

    static func viaParse(_ bytes: [UInt8]) -> Result<[(Range<Int>, Seen)]?, JSONParseError> {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONParseError) {
                guard case .object(let members) = try JSONParser.parse(buffer) else { return .success(nil) }
                return .success(members.map { member in
                    switch member.value {
                    case .string(let span): (member.key.range, .string(span.range, span.hasEscapes))
                    case .number(let range): (member.key.range, .number(range))
                    default: (member.key.range, .other)
                    }
                })
            } catch {
                return .failure(error)
            }
        }
    }

    @Test func agreesWithParseOnMutatedRecords() {
        var rng = MultilingualSample(seed: 99)
        let noise: [UInt8] = Array(#"{}[]",:\ 0-e."#.utf8) + [0x0A, 0x09, 0xC3, 0x80]
        var accepted = 0
        for n in 0..<30_000 {
            var bytes = Array(Self.records[n % Self.records.count].utf8)
            for _ in 0..<Int(rng.next() % 3) {
                let at = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 3 {
                case 0: bytes.insert(noise[Int(rng.next() % UInt64(noise.count))], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: bytes = Array(bytes.prefix(at))
                }
            }
            let fast = Self.viaMembers(bytes), full = Self.viaParse(bytes)
            switch (fast, full) {
            case (.success(let a?), .success(let b?)):
                accepted += 1
                #expect(a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1), "\(String(decoding: bytes, as: UTF8.self))")
            case (.success(nil), .success(nil)), (.success(nil), .failure), (.failure, .failure):
                break  // not an object, or rejected by both: the caller takes `parse`'s verdict
            default:
                Issue.record("forEachMember \(fast), parse \(full) for \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 5_000)
    }
}
