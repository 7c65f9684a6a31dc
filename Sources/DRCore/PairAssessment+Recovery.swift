extension PairAssessment {
    /// This judgement with the pair's traffic, recovery time and backup exposure.
    func with(_ judgement: RecoveryJudgement) -> PairAssessment {
        var out = self
        out.traffic = judgement.traffic
        out.recovery = judgement.recovery
        out.backup = judgement.backup
        return out
    }
}
