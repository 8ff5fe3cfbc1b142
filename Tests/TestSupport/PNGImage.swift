package import Foundation

/// What the tests need to know of a PNG: its size from the header (read here), and how much of it is not white
/// (decoded by python3's zlib: a PNG's pixels are deflated, and Foundation on Linux has no inflate).
package struct PNGImage {
    package let width: Int
    package let height: Int

    package struct HeaderError: Error, CustomStringConvertible {
        package var description: String
    }

    package init(_ data: Data) throws {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]
        else {
            throw HeaderError(description: "not a PNG (no signature and IHDR)")
        }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = be32(16)
        height = be32(20)
    }

    package struct Ink: Equatable {
        /// Pixels that are not (near) white.
        package var inked: Int
        package var total: Int
        /// Distinct colours among the inked pixels (coarsely quantised).
        package var colours: Int
        package var fraction: Double { total == 0 ? 0 : Double(inked) / Double(total) }
    }

    /// Counts the non-white pixels of the PNG file at `path` (8-bit RGB, RGBA, grey or grey+alpha; not interlaced).
    package static func ink(ofFile path: String) async throws -> Ink {
        let script = #"""
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            pos, idat, w, h, ctype = 8, b'', 0, 0, 0
            while pos < len(data):
                n, kind = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + n]
                if kind == b'IHDR':
                    w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
                    assert depth == 8 and interlace == 0, 'unsupported PNG'
                elif kind == b'IDAT':
                    idat += body
                pos += 12 + n
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
            raw, stride = zlib.decompress(idat), w * bpp
            prev, inked, colours, i = bytearray(stride), 0, set(), 0
            for y in range(h):
                f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
                i += 1 + stride
                for x in range(stride):
                    a = line[x - bpp] if x >= bpp else 0
                    b = prev[x]
                    c = prev[x - bpp] if x >= bpp else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 2: line[x] = (line[x] + b) & 255
                    elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c
                        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                for x in range(0, stride, bpp):
                    px = line[x:x + bpp]
                    rgb = (px[0],) * 3 if ctype in (0, 4) else tuple(px[:3])
                    alpha = px[-1] if ctype in (4, 6) else 255
                    if alpha > 16 and min(rgb) < 235:
                        inked += 1
                        colours.add(tuple(v // 32 for v in rgb))
                prev = line
            print(inked, w * h, len(colours))
            """#
        let output = String(decoding: try await python(script, path), as: UTF8.self)
        let numbers = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard numbers.count == 3 else { throw HeaderError(description: "python3 printed “\(output)”") }
        return Ink(inked: numbers[0], total: numbers[1], colours: numbers[2])
    }

    /// Runs `python3 -c script argument` and returns its output.
    private static func python(_ script: String, _ argument: String) async throws -> Data {
        let run = try await Child.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, argument], timeout: .seconds(120))
        guard run.status == 0 else { throw HeaderError(description: "python3 failed on \(argument)") }
        return run.stdout
    }
}
