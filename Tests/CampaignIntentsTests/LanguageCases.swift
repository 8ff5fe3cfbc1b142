/// Every intent and form of SPEC §3, as exact `cxzy parse` JSON. Today is Tuesday 2010-07-20 unless a row says otherwise.
let languageCases: [LanguageCase] = [
    // help
    LanguageCase("帮助", #"{"intent":"help"}"#),
    LanguageCase("菜单", #"{"intent":"help"}"#),
    LanguageCase("?", #"{"intent":"help"}"#),
    LanguageCase("？", #"{"intent":"help"}"#),
    LanguageCase("/help", #"{"intent":"help"}"#),
    LanguageCase("/start", #"{"intent":"help"}"#),
    LanguageCase("帮助 预约示范课", #"{"intent":"help","topic":"book_lesson"}"#),
    LanguageCase("帮助 家访", #"{"intent":"help","topic":"report_visit"}"#),
    LanguageCase("/help book", #"{"intent":"help","topic":"book_lesson"}"#),
    LanguageCase("/help /stats", #"{"intent":"help","topic":"stats"}"#),
    LanguageCase("帮助 submit_work", #"{"intent":"help","topic":"submit_work"}"#),
    // bind
    LanguageCase("绑定 T001 K7P3QX", #"{"intent":"bind","who":"T001","code":"K7P3QX"}"#),
    LanguageCase("绑定 李明 k7p3qx", #"{"intent":"bind","who":"李明","code":"K7P3QX"}"#),
    LanguageCase("/bind T001 K7P3QX", #"{"intent":"bind","who":"T001","code":"K7P3QX"}"#),
    LanguageCase("绑定 工号:T002 绑定码:ABC123", #"{"intent":"bind","who":"T002","code":"ABC123"}"#),
    LanguageCase("绑定　Ｔ００１　Ｋ７Ｐ３ＱＸ", #"{"intent":"bind","who":"T001","code":"K7P3QX"}"#),
    // pledge
    LanguageCase("承诺 教学之星 设计并讲授一堂精品课；撰写优秀教学案例", #"{"intent":"pledge","star":"teaching","text":"设计并讲授一堂精品课；撰写优秀教学案例"}"#),
    LanguageCase("申报 德育之星 写一篇经验论文，开一次好班会", #"{"intent":"pledge","star":"moral","text":"写一篇经验论文，开一次好班会"}"#),
    LanguageCase("承诺 科研之星 完成一项区级课题", #"{"intent":"pledge","star":"research","text":"完成一项区级课题"}"#),
    LanguageCase("承诺 科学 发表一篇论文", #"{"intent":"pledge","star":"research","text":"发表一篇论文"}"#),
    LanguageCase("承诺教学之星 上好精品课", #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#),
    LanguageCase("承诺 上好精品课 教学之星", #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#),
    LanguageCase("承诺 星:德育 内容:每学期家访十次", #"{"intent":"pledge","star":"moral","text":"每学期家访十次"}"#),
    LanguageCase("承诺 教学之星 教学设计获奖", #"{"intent":"pledge","star":"teaching","text":"教学设计获奖"}"#),
    LanguageCase(
        "/pledge teaching teach a showcase lesson",
        #"{"intent":"pledge","star":"teaching","text":"teach a showcase lesson"}"#),
    LanguageCase("承诺 教学之星\n第一，上好精品课\n第二，写案例", #"{"intent":"pledge","star":"teaching","text":"第一，上好精品课 第二，写案例"}"#),
    // book_lesson
    LanguageCase(
        "预约示范课 10月12日 第3节 高二(3)班 函数的单调性",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的单调性","level":"group"}"#),
    LanguageCase(
        "示范课 10月12日 第3节 高二3班",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 函数的单调性 高二（3）班 第三节 十月十二日",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的单调性","level":"group"}"#),
    LanguageCase(
        "预约示范课10月12日第3节高二3班函数的单调性",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的单调性","level":"group"}"#),
    LanguageCase(
        "预约示范课，10月12日，第3节，高二三班，函数的单调性",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的单调性","level":"group"}"#),
    LanguageCase(
        "预约示范课 日期:10月12日 节次:3 班级:高2.3班 课题:函数的单调性",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的单调性","level":"group"}"#),
    LanguageCase(
        "预约示范课 日期：10月12日 节次：3 班级：高二3 课题：函数的 单调性",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的 单调性","level":"group"}"#),
    LanguageCase(
        "预约示范课 10月12日 下午第2节 初一10班",
        #"{"intent":"book_lesson","date":"2010-10-12","period":6,"class":"初一(10)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 10月12日 上午第2节 高1(2)班",
        #"{"intent":"book_lesson","date":"2010-10-12","period":2,"class":"高一(2)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 10月12日 3节 高二3班 全校",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"school"}"#),
    LanguageCase(
        "预约示范课 10月12日 第3节课 高二3班 组内",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 下周二 第3节 高二3班",
        #"{"intent":"book_lesson","date":"2010-07-27","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 明天 第3节 高二3班",
        #"{"intent":"book_lesson","date":"2010-07-21","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase(
        "/book 2010-10-12 period:3 class:高二(3)班 topic:Monotonic functions",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"Monotonic functions","level":"group"}"#
    ),
    LanguageCase(
        "/book 2010-10-12 period:3 class:高二3 level:school",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"school"}"#),
    LanguageCase(
        "/book tomorrow period:2 class:高一1班",
        #"{"intent":"book_lesson","date":"2010-07-21","period":2,"class":"高一(1)班","level":"group"}"#),
    LanguageCase(
        "/book next monday period:2 class:高一1班",
        #"{"intent":"book_lesson","date":"2010-07-26","period":2,"class":"高一(1)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 10月12日 第3节 高二3班 《背影》赏析",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"《背影》赏析","level":"group"}"#),
    LanguageCase(
        "预约示范课\n日期:10月12日\n节次:3\n班级:高二3班",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase(
        "預約示範課 10月12號 第3節 高二3班",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase(
        "预约示范课 10月12日 第3节 高二3班 10月12日",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"group"}"#),
    // cancel_lesson / nominate
    LanguageCase("取消示范课 L-0003", #"{"intent":"cancel_lesson","id":"L-0003"}"#),
    LanguageCase("取消预约 l3", #"{"intent":"cancel_lesson","id":"L-0003"}"#),
    LanguageCase("取消示范课 3", #"{"intent":"cancel_lesson","id":"L-0003"}"#),
    LanguageCase("/cancel L-0012", #"{"intent":"cancel_lesson","id":"L-0012"}"#),
    LanguageCase("取消示范课 L-12345", #"{"intent":"cancel_lesson","id":"L-12345"}"#),
    LanguageCase("推荐 L-0003", #"{"intent":"nominate","id":"L-0003"}"#),
    LanguageCase("/nominate 7", #"{"intent":"nominate","id":"L-0007"}"#),
    LanguageCase("推荐 编号:L-0008", #"{"intent":"nominate","id":"L-0008"}"#),
    // report_visit
    LanguageCase(
        "家访 7月15日 王同学 上门 了解暑期学习情况",
        #"{"intent":"report_visit","date":"2010-07-15","student":"王同学","mode":"home","note":"了解暑期学习情况"}"#),
    LanguageCase("亲情家访 昨天 李同学 电话", #"{"intent":"report_visit","date":"2010-07-19","student":"李同学","mode":"phone"}"#),
    LanguageCase("家访 王同学 7月15日", #"{"intent":"report_visit","date":"2010-07-15","student":"王同学"}"#),
    LanguageCase(
        "家访 上周六 张同学 视频 讨论暑假计划 家长很配合",
        #"{"intent":"report_visit","date":"2010-07-17","student":"张同学","mode":"video","note":"讨论暑假计划 家长很配合"}"#),
    LanguageCase(
        "家访 学生:赵同学 日期:7月18日 方式:来校 备注:家长来校面谈",
        #"{"intent":"report_visit","date":"2010-07-18","student":"赵同学","mode":"school","note":"家长来校面谈"}"#),
    LanguageCase("家访 8月1日 王同学", #"{"intent":"report_visit","date":"2009-08-01","student":"王同学"}"#),
    LanguageCase(
        "/visit 2010-07-15 student:Wang mode:home note:summer study",
        #"{"intent":"report_visit","date":"2010-07-15","student":"Wang","mode":"home","note":"summer study"}"#),
    LanguageCase("家访 入户 周日 钱同学", #"{"intent":"report_visit","date":"2010-07-18","student":"钱同学","mode":"home"}"#),
    // submit_work
    LanguageCase("提交 教学案例 《函数的单调性》教学案例", #"{"intent":"submit_work","kind":"teaching_case","title":"《函数的单调性》教学案例"}"#),
    LanguageCase("上报 论文 浅谈班主任工作", #"{"intent":"submit_work","kind":"paper","title":"浅谈班主任工作"}"#),
    LanguageCase("提交 科研论文 高中数学建模研究", #"{"intent":"submit_work","kind":"research_paper","title":"高中数学建模研究"}"#),
    LanguageCase("提交 课题 分层作业设计", #"{"intent":"submit_work","kind":"research_project","title":"分层作业设计"}"#),
    LanguageCase("提交 科研课题 分层作业设计", #"{"intent":"submit_work","kind":"research_project","title":"分层作业设计"}"#),
    LanguageCase("提交 班会 感恩父母", #"{"intent":"submit_work","kind":"class_meeting","title":"感恩父母"}"#),
    LanguageCase("提交 讲座 我身边的榜样", #"{"intent":"submit_work","kind":"lecture","title":"我身边的榜样"}"#),
    LanguageCase("提交 精品课 三角函数复习", #"{"intent":"submit_work","kind":"showcase_lesson","title":"三角函数复习"}"#),
    LanguageCase("提交 总结 2010学年德育工作总结", #"{"intent":"submit_work","kind":"summary","title":"2010学年德育工作总结"}"#),
    LanguageCase("提交 案例 一次成功的转化", #"{"intent":"submit_work","kind":"teaching_case","title":"一次成功的转化"}"#),
    LanguageCase("提交 类型:讲座 标题:做学生的引路人", #"{"intent":"submit_work","kind":"lecture","title":"做学生的引路人"}"#),
    LanguageCase(
        "/submit teaching_case Monotonic functions",
        #"{"intent":"submit_work","kind":"teaching_case","title":"Monotonic functions"}"#),
    LanguageCase(
        "/submit class_meeting Gratitude", #"{"intent":"submit_work","kind":"class_meeting","title":"Gratitude"}"#),
    // progress, calendar, export
    LanguageCase("我的进度", #"{"intent":"progress"}"#),
    LanguageCase("进度", #"{"intent":"progress"}"#),
    LanguageCase("/me", #"{"intent":"progress"}"#),
    LanguageCase("日程", #"{"intent":"calendar"}"#),
    LanguageCase("阶段", #"{"intent":"calendar"}"#),
    LanguageCase("/calendar", #"{"intent":"calendar"}"#),
    LanguageCase("导出", #"{"intent":"export"}"#),
    LanguageCase("/export", #"{"intent":"export"}"#),
    // lessons
    LanguageCase("示范课安排", #"{"intent":"lessons"}"#),
    LanguageCase("示范课安排 本周", #"{"intent":"lessons","from":"2010-07-19","to":"2010-07-25"}"#),
    LanguageCase("示范课安排 下周", #"{"intent":"lessons","from":"2010-07-26","to":"2010-08-01"}"#),
    LanguageCase("示范课安排 下个月", #"{"intent":"lessons","from":"2010-08-01","to":"2010-08-31"}"#),
    LanguageCase("示范课安排 10月1日到10月31日", #"{"intent":"lessons","from":"2010-10-01","to":"2010-10-31"}"#),
    LanguageCase("示范课安排 10月1日 - 10月31日", #"{"intent":"lessons","from":"2010-10-01","to":"2010-10-31"}"#),
    LanguageCase("示范课安排 10月12日", #"{"intent":"lessons","from":"2010-10-12","to":"2010-10-12"}"#),
    LanguageCase("/lessons next week", #"{"intent":"lessons","from":"2010-07-26","to":"2010-08-01"}"#),
    LanguageCase(
        "/lessons from:2010-09-01 to:2010-09-30", #"{"intent":"lessons","from":"2010-09-01","to":"2010-09-30"}"#),
    // remind
    LanguageCase("提醒 关", #"{"intent":"remind","on":false}"#),
    LanguageCase("提醒 开", #"{"intent":"remind","on":true}"#),
    LanguageCase("提醒关闭", #"{"intent":"remind","on":false}"#),
    LanguageCase("/remind on", #"{"intent":"remind","on":true}"#),
    LanguageCase("/remind OFF", #"{"intent":"remind","on":false}"#),
    // stats
    LanguageCase("统计", #"{"intent":"stats","by":"branch"}"#),
    LanguageCase("统计 支部", #"{"intent":"stats","by":"branch"}"#),
    LanguageCase("统计 三星", #"{"intent":"stats","by":"star"}"#),
    LanguageCase("统计 按阶段", #"{"intent":"stats","by":"phase"}"#),
    LanguageCase("/stats star", #"{"intent":"stats","by":"star"}"#),
    LanguageCase("/stats@cxzy_bot phase", #"{"intent":"stats","by":"phase"}"#),
    // missing
    LanguageCase("未申报", #"{"intent":"missing","what":"pledge"}"#),
    LanguageCase("未完成 示范课", #"{"intent":"missing","what":"lesson"}"#),
    LanguageCase("未完成 家访", #"{"intent":"missing","what":"visit"}"#),
    LanguageCase("未完成 承诺", #"{"intent":"missing","what":"pledge"}"#),
    LanguageCase("未完成 德育之星", #"{"intent":"missing","what":"moral"}"#),
    LanguageCase("未完成 教学", #"{"intent":"missing","what":"teaching"}"#),
    // Alone: everything each person owes (the secretary's digest of their branch).
    LanguageCase("未完成", #"{"intent":"missing","what":"all"}"#),
    LanguageCase("未完成：全部", #"{"intent":"missing","what":"all"}"#),
    LanguageCase("/missing research", #"{"intent":"missing","what":"research"}"#),
    LanguageCase("/missing lesson", #"{"intent":"missing","what":"lesson"}"#),
    // broadcast
    LanguageCase("通知 本周五下午召开支部大会", #"{"intent":"broadcast","text":"本周五下午召开支部大会"}"#),
    LanguageCase("通知 明天 7月21日 开会，请准时参加！", #"{"intent":"broadcast","text":"明天 7月21日 开会，请准时参加！"}"#),
    LanguageCase("/broadcast Meeting on Friday", #"{"intent":"broadcast","text":"Meeting on Friday"}"#),
    // mentions and groups
    LanguageCase("@cxzy_bot 统计", #"{"intent":"stats","by":"branch"}"#, group: true),
    LanguageCase("@cxzy_bot 我的进度", #"{"intent":"progress"}"#, group: true),
    LanguageCase("/me", #"{"intent":"progress"}"#, group: true),
    LanguageCase("/stats@cxzy_bot", #"{"intent":"stats","by":"branch"}"#, group: true),
    LanguageCase("@cxzy_bot", #"{"intent":"help"}"#, group: true),
    LanguageCase("@cxzy_bot 承诺 教学之星 上好精品课", #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#),
    // normalisation
    LanguageCase("　承诺　教学之星　上好精品课　", #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#),
    LanguageCase("\u{200F}统计\u{200E} 三星", #"{"intent":"stats","by":"star"}"#),
    LanguageCase("统计\u{200B}", #"{"intent":"stats","by":"branch"}"#),
    LanguageCase("／stats　ｓｔａｒ", #"{"intent":"stats","by":"star"}"#),
    LanguageCase(
        "预约示范课 １０月１２日 第３节 高二（３）班",
        #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","level":"group"}"#),
    LanguageCase("承诺 教学之星 上好精品课 🎉", #"{"intent":"pledge","star":"teaching","text":"上好精品课 🎉"}"#),
    LanguageCase("通知 \"引号\" 与 \\反斜杠", #"{"intent":"broadcast","text":"\"引号\" 与 \\反斜杠"}"#),
]
