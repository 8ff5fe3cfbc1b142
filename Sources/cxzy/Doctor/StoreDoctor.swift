import CampaignStorage
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The store's part of `cxzy doctor`: there, the bot's alone (0700/0600), healthy, backed up, room on the disk.
/// Reads only; never takes the lock, so it runs beside the bot.
enum StoreDoctor {
    static func check(_ store: URL, into list: inout Checklist) {
        let path = store.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            list.add(
                .fix,
                "数据目录 \(path) 不存在：请先以机器人的用户导入名单（cxzy roster import 名单.csv），它会建立数据目录；或检查 CXZY_STORE",
                "no store at \(path): import the roster first (cxzy roster import roster.csv) as the bot's user, or check CXZY_STORE"
            )
            return
        }
        permissions(path, into: &list)

        let report = StoreInspector.check(directory: store)
        if report.isHealthy {
            let last = report.lastSequence ?? 0
            list.add(
                .ok, "数据目录 \(path) 完好（store check 无问题），共 \(last) 号记录",
                "store \(path) is healthy (store check found nothing), last sequence \(last)")
        } else {
            for problem in report.damage {
                list.add(
                    .fix, "数据目录有问题：\(problem.chinese)", "store problem: \(problem.summary)")
            }
        }
        switch report.lock {
        case let .held(holder?):
            list.add(.note, "机器人正在运行：\(holder.host) 上的进程 \(holder.pid)（\(holder.since) 起）", "in use by \(holder)")
        case .held(nil):
            list.add(.note, "有程序正在打开这份数据", "a process is opening the store")
        case .free:
            list.add(.note, "目前没有程序在使用这份数据（机器人没有运行）", "no process uses the store (the bot is not running)")
        }

        if let through = report.backedUpThrough {
            let last = report.lastSequence ?? through
            list.add(
                .ok, "备份 backups/：\(report.backups.count) 份快照，最新备份到第 \(through) 号（共 \(last) 号；运行中每天 03:30 更新）",
                "backups/: \(report.backups.count) snapshots, backed up through sequence \(through) of \(last) (refreshed daily at 03:30 while running)"
            )
        } else if report.snapshot != nil {
            list.add(
                .fix, "还没有备份 backups/：启动一次机器人（systemctl start cxzy）就会建立",
                "no backups/ yet: start the bot once (systemctl start cxzy) and it makes the first")
        }

        if let free = (try? FileManager.default.attributesOfFileSystem(forPath: path))?[.systemFreeSize] as? Int64 {
            let text = ByteCountFormatter.string(fromByteCount: free, countStyle: .file)
            if free < 200 << 20 {
                list.add(
                    .fix, "数据目录所在磁盘只剩 \(text)：写满后机器人会停止，请清理磁盘",
                    "only \(text) free on the store's disk: the bot stops when it is full")
            } else {
                list.add(.ok, "磁盘剩余空间 \(text)", "\(text) free on the store's disk")
            }
        }
    }

    /// Directories 0700 and files 0600, owned by whoever runs this (the bot's user): anything wider is listed.
    private static func permissions(_ root: String, into list: inout Checklist) {
        var wide: [String] = []
        var foreign: [String] = []
        let me = Int(geteuid())
        func look(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let type = attributes[.type] as? FileAttributeType,
                type == .typeDirectory || type == .typeRegular,
                let mode = attributes[.posixPermissions] as? Int
            else { return }
            let wanted = type == .typeDirectory ? 0o700 : 0o600
            if mode & 0o777 != wanted { wide.append(path) }
            if let owner = attributes[.ownerAccountID] as? Int, owner != me { foreign.append(path) }
        }
        look(root)
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let relative = walker.nextObject() as? String { look(root + "/" + relative) }
        }
        if wide.isEmpty {
            list.add(.ok, "权限正确：目录 0700，文件 0600", "permissions: directories 0700, files 0600")
        } else {
            let some = wide.prefix(3).joined(separator: ", ") + (wide.count > 3 ? " …" : "")
            list.add(
                .fix,
                "有 \(wide.count) 个文件或目录别人也能读写（\(some)）：运行 chmod -R u=rwX,go= \(root)（机器人下次启动时也会自动收紧）",
                "\(wide.count) files or directories are open to others (\(some)): chmod -R u=rwX,go= \(root) (the bot also narrows them at its next start)"
            )
        }
        if !foreign.isEmpty {
            let some = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " …" : "")
            list.add(
                .fix,
                "有 \(foreign.count) 个文件不属于当前用户（\(some)）：请以机器人的用户运行（sudo -u cxzy …），必要时 chown -R cxzy:cxzy \(root)",
                "\(foreign.count) files belong to another user (\(some)): run as the bot's user (sudo -u cxzy …); if needed chown -R cxzy:cxzy \(root)"
            )
        }
    }
}
