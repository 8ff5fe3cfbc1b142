import CampaignIntents
import Foundation

/// What anyone may ask, bound or not: the menu, and linking a chat to a roster entry.
extension Turn {
    mutating func help(_ topic: IntentKind?, person: Person?) throws {
        if let topic {
            try reply(HelpText.topic(topic, english: english))
            return
        }
        guard let person, person.active else {
            try reply(
                t(
                    "您好！我是创先争优活动助手。请先绑定身份：发送“绑定 工号 绑定码”（绑定码由党总支管理员发给您）。\n",
                    "Hello! I am the campaign assistant. First link your account: /bind STAFF_ID CODE (ask your admin for the code).\n"
                )
                    + HelpText.menu(for: .everyone, english: english))
            return
        }
        try reply(HelpText.menu(for: person.permission.audience, english: english))
    }

    mutating func bind(who: String, code: String, current: Person?) throws {
        let identity = message.identity
        if let current {
            try reply(
                t(
                    "这个账号已绑定为 \(current.name)（\(current.staffID)）。如需更改，请联系管理员。",
                    "This account is already linked to \(current.name) (\(current.staffID))."))
            return
        }
        if (state.failedBinds[identity.key] ?? 0) >= engine.maxBindFailures {
            try reply(
                t(
                    "绑定码错误次数过多，已暂停绑定。请联系党总支管理员重新获取绑定码。",
                    "Too many wrong codes. Please ask the admin for a new code."))
            return
        }
        let matches = state.roster.values.filter {
            $0.active && ($0.staffID.caseInsensitiveCompare(who) == .orderedSame || $0.name == who)
        }
        guard !matches.isEmpty else {
            try emit(.bindFailed(identity: identity))
            try reply(
                t(
                    "名单中没有“\(who)”。请核对工号或姓名，或联系党总支管理员。",
                    "“\(who)” is not on the roster. Check your staff id or ask the admin."))
            return
        }
        guard matches.count == 1, let person = matches.first else {
            try reply(
                t(
                    "名单中有 \(matches.count) 位“\(who)”，请改用工号绑定，例如：绑定 \(matches.map(\.staffID).sorted()[0]) 绑定码",
                    "Several people are called “\(who)”; please use your staff id."))
            return
        }
        if state.bindings.contains(where: { $0.value == person.staffID && $0.key.hasPrefix(identity.transport + ":") })
        {
            try reply(
                t(
                    "\(person.name)已绑定了另一个账号。如需更换账号，请联系党总支管理员。",
                    "\(person.name) is already linked to another account here. Ask the admin to change it."))
            return
        }
        guard let stored = state.bindCodes[person.staffID], engine.verifyCode(code, stored) else {
            try emit(.bindFailed(identity: identity))
            try reply(
                t(
                    "绑定码不对，或已经用过。请核对管理员发给您的绑定码（6位字母和数字）。",
                    "That code is wrong or already used. Check the code from your admin."))
            return
        }
        try emit(.bind(identity: identity, staffID: person.staffID, address: message.isGroup ? nil : message.chat))
        try reply(
            t(
                "绑定成功！您好，\(person.name)老师（\(person.branch.isEmpty ? "" : person.branch + "，")\(person.permission.chineseName)）。\n发送“帮助”查看可用命令，发送“我的进度”查看您的任务。",
                "Linked! Hello, \(person.name). Send /help for commands and /me for your progress."))
    }
}
