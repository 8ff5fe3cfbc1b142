package import Foundation

/// Reads the roster as schools export it from Excel (SPEC §2): CSV, or tab-separated text pasted or saved from Excel.
package enum RosterCSV {
    package struct LineError: Error, Sendable, CustomStringConvertible, Equatable {
        package var line: Int
        package var message: String
        package var description: String { "第\(line)行：\(message)" }
    }

    package enum ImportError: Error, Sendable, CustomStringConvertible {
        case encoding
        case missingColumns([String])
        case empty
        case lines([LineError])

        package var description: String {
            switch self {
            case .encoding: "名单文件的编码无法识别：请另存为 UTF-8 或 GBK（Excel 的“CSV”格式）。"
            case .missingColumns(let names):
                "名单缺少必需的列：\(names.joined(separator: "、"))。表头可用中文或英文（工号/staff_id，姓名/name，角色/roles，支部/branch，党员/party_member，权限/permission）。"
            case .empty: "名单文件是空的。"
            case .lines(let errors):
                "名单有 \(errors.count) 处错误，未导入任何内容：\n" + errors.map(\.description).joined(separator: "\n")
            }
        }
    }

    enum Column: CaseIterable {
        case staffID, name, roles, branch, party, permission

        var headers: [String] {
            switch self {
            case .staffID: ["工号", "staff_id", "staffid", "id", "编号"]
            case .name: ["姓名", "name"]
            case .roles: ["角色", "roles", "role"]
            case .branch: ["支部", "branch"]
            case .party: ["党员", "party_member", "party"]
            case .permission: ["权限", "permission"]
            }
        }

        var required: Bool { self == .staffID || self == .name }
    }

    /// Decodes the file's bytes: UTF-8 with or without BOM, else GBK/GB18030 (what Excel writes on Chinese Windows);
    /// UTF-16 with its BOM is Excel's "Unicode text", tab-separated.
    package static func decode(_ data: Data) throws -> String {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else { throw ImportError.encoding }
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        if let text = GB18030.decode(bytes) { return text }
        throw ImportError.encoding
    }

    /// Parses the roster; any bad line fails the whole import (nothing half-imported). Each of `platforms` is an
    /// optional column of user ids on that chat platform, checked by the platform's own rule.
    package static func parse(_ data: Data, platforms: [ChatPlatformColumn]) throws -> [Person] {
        let rows = CSV.parse(try decode(data))
        guard
            let header = rows.first(where: { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
            )
        else {
            throw ImportError.empty
        }
        var index: [Column: Int] = [:]
        var platformIndex: [String: Int] = [:]
        for (i, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            for column in Column.allCases where column.headers.contains(name) && index[column] == nil {
                index[column] = i
            }
            for platform in platforms where platform.name == name && platformIndex[platform.name] == nil {
                platformIndex[platform.name] = i
            }
        }
        let missing = Column.allCases.filter { $0.required && index[$0] == nil }
        guard missing.isEmpty else { throw ImportError.missingColumns(missing.map { $0.headers[0] }) }

        var people: [Person] = []
        var errors: [LineError] = []
        var seen: [String: Int] = [:]
        var seenIdentity: [String: Int] = [:]
        for row in rows where row.line > header.line {
            func field(_ c: Column) -> String {
                guard let i = index[c], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var lineErrors: [String] = []
            let staffID = field(.staffID)
            let name = field(.name)
            if staffID.isEmpty { lineErrors.append("缺少工号") }
            if name.isEmpty { lineErrors.append("缺少姓名") }
            // Staff ids are matched without regard to case when binding, so T001 and t001 are the same person.
            if let first = seen[staffID.uppercased()], !staffID.isEmpty {
                lineErrors.append("工号 \(staffID) 与第\(first)行重复")
            }
            var roles: [Role] = []
            for word in split(field(.roles)) {
                if let role = role(word) {
                    if !roles.contains(role) { roles.append(role) }
                } else {
                    lineErrors.append("角色“\(word)”无法识别（可用：行政、班主任、一线）")
                }
            }
            let partyText = field(.party)
            let party = partyMember(partyText)
            if party == nil { lineErrors.append("党员一栏“\(partyText)”应为 是 或 否") }
            let permissionText = field(.permission)
            let permission = self.permission(permissionText)
            if permission == nil { lineErrors.append("权限“\(permissionText)”无法识别（可用：教师、书记、管理员）") }
            let branch = field(.branch)
            if permission == .secretary && branch.isEmpty { lineErrors.append("支部书记必须填写支部") }
            var chats: [String: String] = [:]
            for platform in platforms {
                guard let i = platformIndex[platform.name], i < row.fields.count else { continue }
                let id = row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                guard !id.isEmpty else { continue }
                if let expected = platform.check(id) {
                    lineErrors.append("\(platform.name) 一栏应为\(expected)，而不是“\(id)”")
                    continue
                }
                let key = platform.name + ":" + id
                if let first = seenIdentity[key] { lineErrors.append("\(key) 与第\(first)行重复") }
                seenIdentity[key] = row.line
                chats[platform.name] = id
            }
            if !staffID.isEmpty && seen[staffID.uppercased()] == nil { seen[staffID.uppercased()] = row.line }
            if !lineErrors.isEmpty {
                errors.append(LineError(line: row.line, message: lineErrors.joined(separator: "；")))
                continue
            }
            people.append(
                Person(
                    staffID: staffID, name: name, roles: roles, branch: branch, partyMember: party ?? false,
                    permission: permission ?? .teacher, chats: chats))
        }
        if !errors.isEmpty { throw ImportError.lines(errors) }
        if people.isEmpty { throw ImportError.empty }
        return people
    }

    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { "、;；,，/ ".contains($0) }).map(String.init)
    }

    static func role(_ word: String) -> Role? {
        switch word.lowercased() {
        case "行政", "行政人员", "教育工作者", "administrative", "admin_staff", "staff": .administrative
        case "班主任", "class_teacher", "classteacher": .classTeacher
        case "一线", "一线教师", "任课教师", "frontline": .frontline
        default: nil
        }
    }

    static func partyMember(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "是", "党员", "中共党员", "yes", "y", "true", "1", "√": true
        case "否", "", "群众", "非党员", "no", "n", "false", "0": false
        default: nil
        }
    }

    static func permission(_ text: String) -> Permission? {
        switch text.lowercased() {
        case "", "教师", "老师", "teacher": .teacher
        case "书记", "支部书记", "secretary": .secretary
        case "管理员", "admin", "administrator": .admin
        default: nil
        }
    }
}
