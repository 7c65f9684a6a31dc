public enum DRTerminalPlaceholder {}
