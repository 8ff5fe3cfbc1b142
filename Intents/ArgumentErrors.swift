/// The error replies for one command's arguments, each with the command's example.
extension ArgumentReader {
    private var usage: String { kind.example(english: english) }

    func missing(_ argument: CommandArgument) -> ParseError {
        ParseError(
            kind: .missingArgument, intent: kind, argument: argument,
            message: Messages.missing(kind, argument, english: english), usage: usage, english: english)
    }

    func invalid(_ argument: CommandArgument, _ text: String) -> ParseError {
        ParseError(
            kind: .invalidValue, intent: kind, argument: argument,
            message: Messages.invalid(kind, argument, text, english: english), usage: usage, english: english)
    }

    /// 高二(3)(4)班: one lesson, one class.
    func twoClasses(_ text: String) -> ParseError {
        let message =
            english
            ? "“\(text)” is more than one class. A lesson is taught in one class: please give just one (e.g. 高二(3)班)."
            : "“\(text)”是两个班。一节示范课只在一个班上，请只写一个班（如 高二(3)班）。"
        return ParseError(
            kind: .invalidValue, intent: kind, argument: .class, message: message, usage: usage, english: english)
    }

    /// 1/2/2020 reads as 1 月 2 日 or as 2 月 1 日.
    func ambiguousOrder(_ argument: CommandArgument, _ text: String) -> ParseError {
        let message =
            english
            ? "“\(text)” could be month/day or day/month. Please write it as YYYY-MM-DD."
            : "“\(text)”既可读作月/日也可读作日/月，请写成 2010年10月12日 或 2010-10-12。"
        return ParseError(
            kind: .ambiguous, intent: kind, argument: argument, message: message, usage: usage, english: english)
    }

    func ambiguous(_ argument: CommandArgument, _ text: String) -> ParseError {
        let message =
            english
            ? "I found more than one \(argument.englishName) (“\(text)” is the second). Please give just one."
            : "\(argument.chineseName)写了不止一个（“\(text)”是第二个），请只写一个。"
        return ParseError(
            kind: .ambiguous, intent: kind, argument: argument, message: message, usage: usage, english: english)
    }

    /// 10月21日（周五） when 10月21日 is a Thursday.
    func contradictingWeekday(_ date: CalendarDate, _ text: String) -> ParseError {
        let message =
            english
            ? "\(date) is a \(date.englishWeekday), not “\(text)”. Please check the date."
            : "\(date.month)月\(date.day)日是\(date.chineseWeekday)，不是“\(text)”。请核对日期。"
        return ParseError(
            kind: .ambiguous, intent: kind, argument: .date, message: message, usage: usage, english: english)
    }
}
