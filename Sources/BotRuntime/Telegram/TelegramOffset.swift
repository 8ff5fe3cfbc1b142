/// The `offset` of `getUpdates`: Telegram's rule is one more than the highest `update_id` received. An `update_id` is
/// any 64-bit number the server picks (after a week without updates it starts again at a random one), so the offset
/// is kept in 128 bits: one more than `Int64.max` is still an offset, never an overflow.
package struct TelegramOffset: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// Between `Int64.min + 1` and `Int64.max + 1`: one more than some update_id.
    package let value: Int128

    /// The offset that confirms `updateID` and every update before it.
    package static func after(_ updateID: Int64) -> TelegramOffset {
        TelegramOffset(value: Int128(updateID) + 1)
    }

    private init(value: Int128) {
        self.value = value
    }

    /// An offset as saved in the store's positions; nil for text that is not one more than some update_id.
    package init?(position: String) {
        guard let value = Int128(position), value > Int128(Int64.min), value <= Int128(Int64.max) + 1 else {
            return nil
        }
        self.value = value
    }

    /// An offset given as an `Int64` (a caller's own bookkeeping).
    package init(_ value: Int64) {
        self.value = Int128(value)
    }

    /// As saved in the store's positions.
    package var description: String { String(value) }

    /// A JSON number: as an `Int64` when it fits, else as the `UInt64` it then is.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let small = Int64(exactly: value) {
            try container.encode(small)
        } else {
            try container.encode(UInt64(value))
        }
    }
}
