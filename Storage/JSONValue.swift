/// Any JSON value: what migrations read and write, so they work on files without the old Swift types.
public enum JSONValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    /// Integers stay exact (sequence numbers, ids); other numbers are `.double`.
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// The member `key` of an object; nil for other values or a missing key. Setting on a non-object does nothing.
    public subscript(key: String) -> JSONValue? {
        get {
            if case let .object(members) = self { return members[key] }
            return nil
        }
        set {
            if case var .object(members) = self {
                members[key] = newValue
                self = .object(members)
            }
        }
    }
}
