// matmul: C = op(A) · op(B) with a fused epilogue, register-blocked, no workgroup memory.
// CPU twins: src/cpu/linear.ts (linearForward, linearBackward) and
// src/cpu/activation.ts (activationForward, activationBackward).
// (the codes MODE_*, EPI_* and ACT_* are in matmul_common.wgsl)
//   MODE_NN: A[M, K] (row stride lda), B[K, N] (ldb)   C[M, N] = A · B     forward  y = x · w
//   MODE_NT: A[M, K] (lda),            B[N, K] (ldb)   C[M, N] = A · Bᵀ    backward dx = dy · wᵀ
//   MODE_TN: A[K, M] (lda),            B[K, N] (ldb)   C[M, N] = Aᵀ · B    backward dw = xᵀ · dy
//   EPI_NONE: C = acc
//   EPI_BIAS_ACT: Z = acc + bias (stored when act is not ACT_NONE), C = act(Z) · dropout mask / (1 - p)
//   EPI_ACT_GRAD: C = acc · act'(Z) · dropout mask / (1 - p)
//   EPI_BIAS_GRAD (MODE_TN only): also the column sums of B, written to c[bias_off + n] (the bias gradient)
// Offsets and strides are in floats and multiples of 4; N is a multiple of 4, and so is K in modes 0
// and 1 and M in mode 2. Each invocation owns a block of R rows × 4Q columns of C (TR × 4TQ in mode
// 2, which walks K one row at a time) and keeps it in registers: on llvmpipe every storage load is
// costly and workgroup memory is slow to compile, so the block is made large to reuse each load.
// Invocations are flat along x, columns fastest. Reads past M or N are clamped, writes skipped.

override WG: u32 = 8u;
// Block sizes (override constants, so loops over them unroll); the arrays hold the largest ones.
override R: u32 = 32u;
override Q: u32 = 4u;
override TR: u32 = 8u;
override TQ: u32 = 8u;
const R_MAX: u32 = 32u;
const Q_MAX: u32 = 4u;
const TR_MAX: u32 = 16u;
const TQ_MAX: u32 = 8u;

// MODE_TN: C = Aᵀ·B (+ column sums of B in the extra row block when EPI == EPI_BIAS_GRAD).
fn main_tn(t: u32) {
  let n4_count = p.n / 4u;
  let col_blocks = (n4_count + TQ - 1u) / TQ;
  let row_blocks = (p.m + TR - 1u) / TR + select(0u, 1u, EPI == EPI_BIAS_GRAD);
  if (t >= col_blocks * row_blocks) {
    return;
  }
  let m0 = (t / col_blocks) * TR;
  let n4_0 = (t % col_blocks) * TQ;
  let bias_block = m0 >= p.m;
  let m4_last = p.m / 4u - 1u;
  var acc: array<array<vec4<f32>, TQ_MAX>, TR_MAX>;
  for (var k = 0u; k < p.k; k++) {
    var bv: array<vec4<f32>, TQ_MAX>;
    let brow = (p.b_off + k * p.ldb) / 4u;
    for (var j = 0u; j < TQ; j++) {
      bv[j] = b[brow + min(n4_0 + j, n4_count - 1u)];
    }
    if (bias_block) {
      for (var j = 0u; j < TQ; j++) {
        acc[0][j] += bv[j];
      }
      continue;
    }
    let arow = (p.a_off + k * p.lda) / 4u;
    for (var i4 = 0u; i4 < TR / 4u; i4++) {
      let av = a[arow + min(m0 / 4u + i4, m4_last)];
      for (var j = 0u; j < TQ; j++) {
        acc[4u * i4][j] = fma(vec4<f32>(av.x), bv[j], acc[4u * i4][j]);
        acc[4u * i4 + 1u][j] = fma(vec4<f32>(av.y), bv[j], acc[4u * i4 + 1u][j]);
        acc[4u * i4 + 2u][j] = fma(vec4<f32>(av.z), bv[j], acc[4u * i4 + 2u][j]);
        acc[4u * i4 + 3u][j] = fma(vec4<f32>(av.w), bv[j], acc[4u * i4 + 3u][j]);
      }
    }
  }
  for (var j = 0u; j < TQ; j++) {
    let n4 = n4_0 + j;
    if (n4 >= n4_count) {
      break;
    }
    if (bias_block) {
      c[p.bias_off / 4u + n4] = acc[0][j];
      continue;
    }
    for (var i = 0u; i < TR; i++) {
      let row = m0 + i;
      if (row < p.m) {
        c[(p.c_off + row * p.ldc) / 4u + n4] = acc[i][j];
      }
    }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (MODE == MODE_TN) {
    main_tn(gid.x);
    return;
  }
  let n4_count = p.n / 4u;
  let col_blocks = (n4_count + Q - 1u) / Q;
  let row_blocks = (p.m + R - 1u) / R;
  if (gid.x >= col_blocks * row_blocks) {
    return;
  }
  let m0 = (gid.x / col_blocks) * R;
  let n4_0 = (gid.x % col_blocks) * Q;
  var acc: array<array<vec4<f32>, Q_MAX>, R_MAX>;
  for (var k = 0u; k < p.k; k += 4u) {
    var av: array<vec4<f32>, R_MAX>;
    for (var i = 0u; i < R; i++) {
      av[i] = a[(p.a_off + min(m0 + i, p.m - 1u) * p.lda + k) / 4u];
    }
    // bv[kk][j] = B(k + kk, columns of vec4 n4_0 + j)
    var bv: array<array<vec4<f32>, Q_MAX>, 4>;
    if (MODE == MODE_NN) {
      for (var kk = 0u; kk < 4u; kk++) {
        let brow = (p.b_off + (k + kk) * p.ldb) / 4u;
        for (var j = 0u; j < Q; j++) {
          bv[kk][j] = b[brow + min(n4_0 + j, n4_count - 1u)];
        }
      }
    } else {
      for (var j = 0u; j < Q; j++) {
        for (var cc = 0u; cc < 4u; cc++) {
          let w = b[(p.b_off + min((n4_0 + j) * 4u + cc, p.n - 1u) * p.ldb + k) / 4u];
          bv[0][j][cc] = w.x;
          bv[1][j][cc] = w.y;
          bv[2][j][cc] = w.z;
          bv[3][j][cc] = w.w;
        }
      }
    }
    for (var i = 0u; i < R; i++) {
      for (var j = 0u; j < Q; j++) {
        var s = fma(vec4<f32>(av[i].x), bv[0][j], acc[i][j]);
        s = fma(vec4<f32>(av[i].y), bv[1][j], s);
        s = fma(vec4<f32>(av[i].z), bv[2][j], s);
        acc[i][j] = fma(vec4<f32>(av[i].w), bv[3][j], s);
      }
    }
  }

  for (var i = 0u; i < R; i++) {
    let row = m0 + i;
    if (row >= p.m) {
      break;
    }
    for (var j = 0u; j < Q; j++) {
      let n4 = n4_0 + j;
      if (n4 >= n4_count) {
        break;
      }
      c[(p.c_off + row * p.ldc) / 4u + n4] = acc[i][j];
    }
  }
  if (EPI == EPI_NONE) {
    return;
  }
  // The epilogue re-reads the block just stored, in loops with run-time bounds: the compiler keeps
  // them rolled, which keeps the fully unrolled kernel (and its compile time on llvmpipe) small.
  let rows_here = min(R, p.m - m0);
  let cols_here = min(Q, n4_count - n4_0);
  for (var i = 0u; i < rows_here; i++) {
    let row = m0 + i;
    for (var j = 0u; j < cols_here; j++) {
      let n4 = n4_0 + j;
      let ci = (p.c_off + row * p.ldc) / 4u + n4;
      let zi = (p.z_off + row * p.ldz) / 4u + n4;
      var v = c[ci];
      if (EPI == EPI_BIAS_ACT) {
        v += bias[p.bias_off / 4u + n4];
        if (p.act != ACT_NONE) {
          z[zi] = v;
          v = act(v) * mask4(row, n4);
        }
      } else {
        v *= act_grad(z[zi]) * mask4(row, n4);
      }
      c[ci] = v;
    }
  }
}
