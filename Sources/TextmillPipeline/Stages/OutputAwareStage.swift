/// A stage whose work depends on which record fields are written: `Pipeline` hands it the output spec
/// once, so it can skip what nobody reads (the LLM tokenizer makes token strings and offsets only when
/// `tokens` or `offsets` are output).
public protocol OutputAwareStage: PipelineStage {
    /// This stage, set up for records with `output`'s fields.
    func adapted(to output: OutputSpec) -> any PipelineStage
}
