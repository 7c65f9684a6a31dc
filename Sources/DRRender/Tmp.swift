public enum DRRenderPlaceholder {}
