/// Compares two strings in time independent of where they differ (for secrets).
package func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    constantTimeEqual(Array(a.utf8), Array(b.utf8))
}

/// Compares two byte strings in time independent of where they differ; a length difference of any size counts
/// (it is never folded into a narrower integer, where 256 would look like 0).
package func constantTimeEqual(_ x: [UInt8], _ y: [UInt8]) -> Bool {
    var diff: UInt8 = x.count == y.count ? 0 : 1
    for i in 0..<max(x.count, y.count) {
        diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return diff == 0
}
