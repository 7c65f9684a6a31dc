import DRTestSupport

extension Lab {
    /// The shell command that runs the dashboard against this lab, with the lab's keys and nothing of the
    /// machine's (no metadata service), for a `TmuxSession`.
    func dashboardCommand() throws -> String {
        "env HOME='\(home.path)' AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing "
            + "AWS_EC2_METADATA_DISABLED=true '\(try EndToEndTests.binary())' --config '\(config)'"
    }
}
