import Foundation

/// Sizes and colours shared by every chart.
///
/// Sizes are in SVG user units on a 640-wide canvas: rendered 1.5× for chat (960 px), the 20-unit labels read as
/// about 12 pt on a phone; on A4 the chart is printed about 15 cm wide. Colours differ in lightness as well as hue,
/// so the series stay apart on a black-and-white printer and for colour-blind readers; lines add markers and dashes.
enum ChartStyle {
    static let width = 640.0
    static let fontFamily =
        "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif"

    static let titleSize = 26.0
    static let subtitleSize = 18.0
    static let labelSize = 20.0
    static let valueSize = 18.0
    static let legendSize = 19.0
    static let margin = 20.0

    static let ink = "#1A1A1A"
    static let mutedInk = "#555555"
    static let axis = "#333333"
    static let grid = "#DDDDDD"

    /// For series that are kinds, not a scale: red, blue, amber, green, grey (Okabe–Ito-like, darkest first).
    static let categorical = ["#A4161A", "#1F5FA8", "#E0912B", "#2E8B57", "#6B6B6B", "#8E5AA8"]

    /// For series that are steps of one measure (eligible → pledged → done), light to dark.
    static let sequential = ["#D4D4D4", "#EFA94A", "#A4161A"]

    enum Marker: CaseIterable {
        case circle, square, triangle, diamond
    }

    static let dashes: [String?] = [nil, "10 5", "3 4", "12 4 3 4"]

    static func marker(_ index: Int) -> Marker { Marker.allCases[index % Marker.allCases.count] }
    static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }

    /// Text on a fill: white on dark colours, ink on light ones (by relative luminance).
    static func textColor(on fill: String) -> String {
        luminance(fill) < 0.3 ? "#FFFFFF" : ink
    }

    static func luminance(_ hex: String) -> Double {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return 1 }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}
