import Testing
@testable import TextmillDatabase
import TextmillJSON
import TextmillOutput

/// The early stop of the record scan: it must give the same `id` as the full walk (the last of
/// duplicate keys, as jsonb keeps it) or leave the record to the full walk.
@Suite struct LeadingRecordIDTests {
    /// The id's text through `LeadingRecordID`, or nil when it leaves the record to the full walk.
    func early(_ line: String) -> String? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            LeadingRecordID.range(in: buffer).map { String(decoding: buffer[$0], as: UTF8.self) }
        }
    }

    /// The id's text as the sinks read it (`RecordFields`, either way).
    func id(_ line: String) throws -> String? {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(OutputError) in
            RecordFields.text(try RecordFields(line: buffer, isError: false, typedColumns: [], ordinal: 1).id, in: buffer)
        }
    }

    @Test func aLeadingIdIsTakenWithoutReadingTheRest() throws {
        #expect(early(#"{"id":"en-1","tokens":["a","b"],"offsets":[[0,1],[2,3]]}"#) == #""en-1""#)
        #expect(early(#" { "id" : -12.5e3 , "tokens":[]}"#) == "-12.5e3")
        #expect(early(#"{"id":"a\"b","x":1}"#) == #""a\"b""#)
        #expect(early(#"{"id":7}"#) == "7")
        #expect(try id(#"{"id":"a\"b\u00e9","x":1}"#) == "a\"bé", "escapes in the id itself are decoded")
    }

    @Test func anythingThatMayHoldAnotherIdGoesToTheFullWalk() throws {
        let cases: [(line: String, id: String?)] = [
            (#"{"id":"a","tokens":["x"],"id":"b"}"#, "b"),  // --keep-fields id: the kept one comes last
            (#"{"id":"a","i\u0064":"b"}"#, "b"),  // the same key, escaped
            (#"{"id":"a","\u0069d":"b"}"#, "b"),
            (#"{"id":"a","tokens":["id"]}"#, "a"),  // a token "id" is no key, but only the full walk knows
            (#"{"id":"a","text":"\u00e9"}"#, "a"),
            (#"{"tokens":[],"id":"b"}"#, "b"),  // not first
            (#"{"id":null,"x":1}"#, nil),
            (#"{"id":["a"],"x":1}"#, nil),
        ]
        for (line, expected) in cases {
            #expect(early(line) == nil, "\(line)")
            #expect(try id(line) == expected, "\(line)")
        }
        // Lookalikes that cannot be a key: "id" without both quotes.
        #expect(early(#"{"id":"a","t":["did","ids","xid\"","\\n","\\"]}"#) == #""a""#)
        // An escaped quote before id, an escaped backslash before u: needless but harmless full walks.
        #expect(early(#"{"id":"a","t":["\"id"]}"#) == nil)
        #expect(early(#"{"id":"a","t":["\\u"]}"#) == nil)
    }

    @Test func everyPositionOfADuplicateInAWordIsFound() {
        // The duplicate at every offset from the first member, so that it falls once in each lane
        // of the sixteen-byte blocks, across two blocks, and in the tail after the last block.
        for pad in 0..<40 {
            let filler = String(repeating: "x", count: pad)
            #expect(early(#"{"id":1,"a":"\#(filler)","id":2}"#) == nil, "pad \(pad)")
            #expect(early(#"{"id":1,"a":"\#(filler)\u0041"}"#) == nil, "pad \(pad)")
            #expect(early(#"{"id":1,"a":"\#(filler)","b":2}"#) == "1", "pad \(pad)")
        }
    }

    @Test func aRecordThatIsNotAnObjectIsStillRefused() {
        for line in ["not json", #"["id",1]"#, #"{"id":"a"#, #"{"id":"#] {
            #expect(throws: OutputError.self, "\(line)") { _ = try id(line) }
        }
    }
}
