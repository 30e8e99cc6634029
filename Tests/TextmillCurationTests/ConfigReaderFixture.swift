import TextmillJSON
import TextmillPipeline

/// A `ConfigReader` over an inline stage object, for building a definition directly.
enum ConfigReaderFixture {
    static func reader(_ json: String) throws -> ConfigReader {
        try ConfigReader(try JSONValue.parse(Array(json.utf8)), file: "inline.json", path: "stages[0]")
    }
}
