import CampaignIntents
import Foundation

/// What a person may do with the bot (SPEC §2 `权限`).
public enum Permission: String, Codable, Sendable, Comparable {
    case teacher, secretary, admin

    public var chineseName: String {
        switch self {
        case .teacher: "教师"
        case .secretary: "支部书记"
        case .admin: "管理员"
        }
    }

    private var rank: Int { self == .teacher ? 0 : self == .secretary ? 1 : 2 }
    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }

    /// The help audience of this permission.
    public var audience: CampaignIntents.Audience {
        switch self {
        case .teacher: .teacher
        case .secretary: .secretary
        case .admin: .admin
        }
    }
}

/// One line of the roster.
public struct Person: Codable, Sendable, Hashable {
    public var staffID: String
    public var name: String
    public var roles: [Role]
    public var branch: String
    public var partyMember: Bool
    public var permission: Permission
    /// Telegram numeric user id, when the school knows it: such a person is bound automatically.
    public var telegram: String?
    /// Matrix user id (@li:school.example), likewise.
    public var matrix: String?
    /// False once a later roster import no longer lists the person: they keep their records but cannot use the bot.
    public var active: Bool

    public init(staffID: String, name: String, roles: [Role], branch: String, partyMember: Bool,
                permission: Permission = .teacher, telegram: String? = nil, matrix: String? = nil, active: Bool = true) {
        self.staffID = staffID
        self.name = name
        self.roles = roles
        self.branch = branch
        self.partyMember = partyMember
        self.permission = permission
        self.telegram = telegram
        self.matrix = matrix
        self.active = active
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// Frontline Party members teach a demonstration lesson.
    public var teachesDemoLesson: Bool { partyMember && has(.frontline) }

    public func mayStrive(for rule: StarRule) -> Bool {
        rule.eligibleRoles.isEmpty || rule.eligibleRoles.contains { roles.contains($0) }
    }

    /// The chat identities the roster lists for this person.
    public var listedIdentities: [ChatIdentity] {
        var ids: [ChatIdentity] = []
        if let telegram { ids.append(ChatIdentity(transport: "telegram", user: telegram)) }
        if let matrix { ids.append(ChatIdentity(transport: "matrix", user: matrix)) }
        return ids
    }
}

/// A user on a chat platform.
public struct ChatIdentity: Codable, Sendable, Hashable, CustomStringConvertible {
    public var transport: String
    public var user: String
    public init(transport: String, user: String) {
        self.transport = transport
        self.user = user
    }
    public var key: String { "\(transport):\(user)" }
    public var description: String { key }
}

/// A place to send messages: a private chat or a group/room on a transport.
public struct ChatAddress: Codable, Sendable, Hashable, CustomStringConvertible {
    public var transport: String
    public var chat: String
    public init(transport: String, chat: String) {
        self.transport = transport
        self.chat = chat
    }
    public var description: String { "\(transport):\(chat)" }
}

/// Reads the roster CSV as schools export it from Excel (SPEC §2).
public enum RosterCSV {
    public struct LineError: Error, Sendable, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "第\(line)行：\(message)" }
    }

    public enum ImportError: Error, Sendable, CustomStringConvertible {
        case encoding
        case missingColumns([String])
        case empty
        case lines([LineError])

        public var description: String {
            switch self {
            case .encoding: "名单文件的编码无法识别：请另存为 UTF-8 或 GBK（Excel 的“CSV”格式）。"
            case .missingColumns(let names): "名单缺少必需的列：\(names.joined(separator: "、"))。表头可用中文或英文（工号/staff_id，姓名/name，角色/roles，支部/branch，党员/party_member，权限/permission）。"
            case .empty: "名单文件是空的。"
            case .lines(let errors): "名单有 \(errors.count) 处错误，未导入任何内容：\n" + errors.map(\.description).joined(separator: "\n")
            }
        }
    }

    enum Column: CaseIterable {
        case staffID, name, roles, branch, party, permission, telegram, matrix

        var headers: [String] {
            switch self {
            case .staffID: ["工号", "staff_id", "staffid", "id", "编号"]
            case .name: ["姓名", "name"]
            case .roles: ["角色", "roles", "role"]
            case .branch: ["支部", "branch"]
            case .party: ["党员", "party_member", "party"]
            case .permission: ["权限", "permission"]
            case .telegram: ["telegram"]
            case .matrix: ["matrix"]
            }
        }

        var required: Bool { self == .staffID || self == .name }
    }

    /// Decodes the file's bytes: UTF-8 with or without BOM, else GBK/GB18030 (what Excel writes on Chinese Windows).
    public static func decode(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        if let text = GB18030.decode(bytes) { return text }
        throw ImportError.encoding
    }

    /// Parses the roster; any bad line fails the whole import (nothing half-imported).
    public static func parse(_ data: Data) throws -> [Person] {
        let rows = CSV.parse(try decode(data))
        guard let header = rows.first(where: { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            throw ImportError.empty
        }
        var index: [Column: Int] = [:]
        for (i, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            for column in Column.allCases where column.headers.contains(name) && index[column] == nil { index[column] = i }
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
            if let first = seen[staffID.uppercased()], !staffID.isEmpty { lineErrors.append("工号 \(staffID) 与第\(first)行重复") }
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
            let telegram = field(.telegram)
            if !telegram.isEmpty && (Int64(telegram) == nil || telegram.hasPrefix("-")) {
                lineErrors.append("telegram 一栏应为数字用户 ID，而不是“\(telegram)”")
            }
            let matrix = field(.matrix)
            if !matrix.isEmpty && !(matrix.hasPrefix("@") && matrix.contains(":") && !matrix.contains(" ")) {
                lineErrors.append("matrix 一栏应为 @用户名:服务器 形式，而不是“\(matrix)”")
            }
            for id in [telegram.isEmpty ? nil : "telegram:" + telegram, matrix.isEmpty ? nil : "matrix:" + matrix].compactMap({ $0 }) {
                if let first = seenIdentity[id] { lineErrors.append("\(id) 与第\(first)行重复") }
                seenIdentity[id] = row.line
            }
            if !staffID.isEmpty && seen[staffID.uppercased()] == nil { seen[staffID.uppercased()] = row.line }
            if !lineErrors.isEmpty {
                errors.append(LineError(line: row.line, message: lineErrors.joined(separator: "；")))
                continue
            }
            people.append(Person(staffID: staffID, name: name, roles: roles, branch: branch, partyMember: party ?? false,
                                 permission: permission ?? .teacher, telegram: telegram.isEmpty ? nil : telegram,
                                 matrix: matrix.isEmpty ? nil : matrix))
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

/// RFC 4180 CSV with the line number where each record starts (quoted fields may span lines).
enum CSV {
    struct Row {
        var line: Int
        var fields: [String]
    }

    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        var sawAny = false
        while let c = pending {
            pending = iterator.next()
            sawAny = true
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": fields.append(field); field = ""
            case "\r": if pending != "\n" { fallthrough }
            case "\n":
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
                sawAny = false
            default: field.unicodeScalars.append(c)
            }
        }
        if sawAny || !fields.isEmpty || !field.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
