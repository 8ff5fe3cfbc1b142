package import CampaignIntents
package import Foundation

/// Reading and writing instants as ISO 8601 in the campaign's zone.
package enum CampaignTime {
    /// Parses `2010-10-12T09:00:00+08:00`, `…Z`, `2010-10-12T09:00` (campaign zone) or `2010-10-12` (00:00 campaign zone).
    package static func parse(_ text: String, zone: TimeZone = .campaign) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let dateEnd = t.index(t.startIndex, offsetBy: min(10, t.count))
        guard let day = CalendarDate(iso: t[..<dateEnd]) else { return nil }
        var rest = t[dateEnd...]
        var seconds = 0
        if !rest.isEmpty {
            guard let sep = rest.first, sep == "T" || sep == " " else { return nil }
            rest = rest.dropFirst()
            var clock = rest.prefix { $0.isNumber || $0 == ":" || $0 == "." }
            rest = rest.dropFirst(clock.count)
            if let dot = clock.firstIndex(of: ".") { clock = clock[..<dot] }
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(parts.count), let h = parts[0], let m = parts[1], (0...23).contains(h),
                (0...59).contains(m)
            else { return nil }
            let s = parts.count == 3 ? parts[2] : 0
            guard let s, (0...60).contains(s) else { return nil }
            seconds = h * 3600 + m * 60 + s
        }
        let local = TimeInterval(day.dayNumber * 86_400 + seconds)
        if rest.isEmpty {
            let guess = Date(timeIntervalSince1970: local)
            return Date(timeIntervalSince1970: local - TimeInterval(zone.secondsFromGMT(for: guess)))
        }
        if rest == "Z" || rest == "z" { return Date(timeIntervalSince1970: local) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let digits = rest.dropFirst().filter { $0 != ":" }
        guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
        let offset = digits.count == 4 ? (value / 100) * 3600 + (value % 100) * 60 : value * 3600
        return Date(timeIntervalSince1970: local - TimeInterval(sign == "+" ? offset : -offset))
    }

    /// `2010-10-12T09:00:00+08:00`.
    package static func format(_ instant: Date, zone: TimeZone = .campaign) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = local - days * 86_400
        let date = CalendarDate(dayNumber: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let sign = offset < 0 ? "-" : "+"
        let abs = Swift.abs(offset)
        return
            "\(date)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))\(sign)\(two(abs / 3600)):\(two(abs / 60 % 60))"
    }

    /// The civil date and minutes after midnight of `instant` in the campaign zone.
    package static func local(_ instant: Date, zone: TimeZone = .campaign) -> (date: CalendarDate, minutes: Int) {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (CalendarDate(dayNumber: days), (local - days * 86_400) / 60)
    }

    /// The instant of `date` at `minutes` after midnight in the campaign zone.
    package static func instant(_ date: CalendarDate, minutes: Int, zone: TimeZone = .campaign) -> Date {
        let local = TimeInterval(date.dayNumber * 86_400 + minutes * 60)
        let guess = Date(timeIntervalSince1970: local)
        return Date(timeIntervalSince1970: local - TimeInterval(zone.secondsFromGMT(for: guess)))
    }
}
