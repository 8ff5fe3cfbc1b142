/// A fictional roster so the console works at once (people and names are invented). No platform columns: the
/// people bind with the codes the import prints, or speak through the console's `--as`.
package enum DemoRoster {
    package static let csv = """
        工号,姓名,角色,支部,党员,权限
        A001,周建国,行政,党总支,是,管理员
        S001,陈雅琴,一线、班主任,语文支部,是,书记
        T001,李明,一线,语文支部,是,教师
        T002,王芳,一线、班主任,语文支部,是,教师
        T003,张伟,一线,语文支部,否,教师
        S002,刘洋,一线,数学支部,是,书记
        T004,赵磊,一线,数学支部,是,教师
        T005,孙丽,一线、班主任,数学支部,是,教师
        T006,吴静,一线,数学支部,否,教师
        S003,郑华,行政,综合支部,是,书记
        T007,冯涛,行政,综合支部,是,教师
        T008,何晓燕,一线,综合支部,是,教师

        """
}
