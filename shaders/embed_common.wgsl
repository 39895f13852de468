// embed_common: the layout of the embedding tables inside the parameter buffer, shared by
// embed_gather.wgsl, embed_scatter.wgsl, logistic_forward.wgsl and logistic_backward.wgsl (their
// launchers append it to the shader: WGSL has no includes). The including shader binds
// `table_base: array<u32>`, where each categorical column's table starts.
// CPU twins: embedGather in src/cpu/embed_gather.ts, embedScatter in src/cpu/embed_scatter.ts.

// Index in the parameter buffer of entry t of category v's row in column j's table (rows of width e).
fn table_index(j: u32, v: u32, e: u32, t: u32) -> u32 {
  return table_base[j] + v * e + t;
}
