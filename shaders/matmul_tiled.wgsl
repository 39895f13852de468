// matmul_tiled: the same op as matmul.wgsl (modes, epilogues, shapes, CPU twins), for hardware GPUs.
// A workgroup of WX × WY invocations owns a BM × BN tile of C (BM = 4·TM4·WY rows, BN = 4·TN4·WX
// columns) and walks K in steps of BK: the invocations copy A's and B's BK-deep slices into
// workgroup memory together, then each accumulates 4·TM4 rows × TN4 vec4 columns from there.
// Every output is summed over k in order, one fma per k, as in matmul.wgsl, so the two kernels
// agree bit for bit; reads past M, N or K load zeros, writes past them are skipped. With EPI_BIAS_GRAD the
// row just past M of Aᵀ reads as ones, so that row of C is the column sums of B (the bias gradient).
// src/gpu/kernels/matmul.ts prepends matmul_common.wgsl (parameters, bindings, epilogue functions).

override WX: u32 = 16u;
override WY: u32 = 16u;
override TM4: u32 = 1u;
override TN4: u32 = 1u;
override BK: u32 = 16u;
override BM4: u32 = TM4 * WY;
override BN4: u32 = TN4 * WX;
// Fixed sizes: the arrays hold the largest tiles (src/gpu/kernels/matmul.ts checks BK·BM4 and BK·BN4).
const TM4_MAX: u32 = 2u; // the accumulators below hold 8 rows × 2 vec4 columns
const TN4_MAX: u32 = 2u;
const TILE_MAX: u32 = 512u;

// a_tile[kk·BM4 + i4]: rows 4·i4 .. 4·i4 + 3 of the tile at depth kk;
// b_tile[kk·BN4 + j]: the tile's vec4 column j at depth kk.
var<workgroup> a_tile: array<vec4<f32>, TILE_MAX>;
var<workgroup> b_tile: array<vec4<f32>, TILE_MAX>;

// A's vec4 `q` of the slice at depth k0: (row of C, 4 depths) in modes 0 and 1, (depth, 4 rows) in mode 2.
fn load_a(m0: u32, k0: u32, q: u32, rows: u32) {
  if (MODE == MODE_TN) {
    let kk = q / BM4;
    let i4 = q % BM4;
    let k = k0 + kk;
    let m = m0 + 4u * i4;
    var v = vec4<f32>(0.0);
    if (k < p.k && m < p.m) {
      v = a[(p.a_off + k * p.lda + m) / 4u];
    } else if (k < p.k && m == p.m && EPI == EPI_BIAS_GRAD) {
      v = vec4<f32>(1.0, 0.0, 0.0, 0.0);
    }
    a_tile[kk * BM4 + i4] = v;
    return;
  }
  let row = q / (BK / 4u);
  let kq = q % (BK / 4u);
  let m = m0 + row;
  let k = k0 + 4u * kq;
  var v = vec4<f32>(0.0);
  if (m < rows && k < p.k) {
    v = a[(p.a_off + m * p.lda + k) / 4u];
  }
  for (var t = 0u; t < 4u; t++) {
    a_tile[(4u * kq + t) * BM4 + row / 4u][row % 4u] = v[t];
  }
}

// B's vec4 `q` of the slice at depth k0: (depth, 4 columns) in modes 0 and 2, (column, 4 depths) in mode 1.
fn load_b(n0: u32, k0: u32, q: u32) {
  if (MODE != MODE_NT) {
    let kk = q / BN4;
    let j = q % BN4;
    let k = k0 + kk;
    let n = n0 + 4u * j;
    var v = vec4<f32>(0.0);
    if (k < p.k && n < p.n) {
      v = b[(p.b_off + k * p.ldb + n) / 4u];
    }
    b_tile[kk * BN4 + j] = v;
    return;
  }
  let col = q / (BK / 4u);
  let kq = q % (BK / 4u);
  let n = n0 + col;
  let k = k0 + 4u * kq;
  var v = vec4<f32>(0.0);
  if (n < p.n && k < p.k) {
    v = b[(p.b_off + n * p.ldb + k) / 4u];
  }
  for (var t = 0u; t < 4u; t++) {
    b_tile[(4u * kq + t) * BN4 + col / 4u][col % 4u] = v[t];
  }
}

// Writes one vec4 of C through the epilogue (row == M with EPI_BIAS_GRAD: the bias gradient).
fn store(row: u32, n4: u32, acc: vec4<f32>) {
  if (EPI == EPI_BIAS_GRAD && row == p.m) {
    c[p.bias_off / 4u + n4] = acc;
    return;
  }
  let ci = (p.c_off + row * p.ldc) / 4u + n4;
  var v = acc;
  if (EPI == EPI_BIAS_ACT) {
    v += bias[p.bias_off / 4u + n4];
    if (p.act != ACT_NONE) {
      z[(p.z_off + row * p.ldz) / 4u + n4] = v;
      v = act(v) * mask4(row, n4);
    }
  } else if (EPI == EPI_ACT_GRAD) {
    v *= act_grad(z[(p.z_off + row * p.ldz) / 4u + n4]) * mask4(row, n4);
  }
  c[ci] = v;
}

// Stores rows r .. r + 3 of vec4 column n4 (those before `rows`, in a column before N).
fn store4(r: u32, n4: u32, v0: vec4<f32>, v1: vec4<f32>, v2: vec4<f32>, v3: vec4<f32>, rows: u32) {
  if (n4 >= p.n / 4u) {
    return;
  }
  if (r < rows) {
    store(r, n4, v0);
  }
  if (r + 1u < rows) {
    store(r + 1u, n4, v1);
  }
  if (r + 2u < rows) {
    store(r + 2u, n4, v2);
  }
  if (r + 3u < rows) {
    store(r + 3u, n4, v3);
  }
}

@compute @workgroup_size(WX * WY)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  // the bias gradient is one more row of C
  let rows = p.m + select(0u, 1u, EPI == EPI_BIAS_GRAD);
  let col_tiles = (p.n / 4u + BN4 - 1u) / BN4;
  let m0 = (wid.x / col_tiles) * 4u * BM4;
  let n0 = (wid.x % col_tiles) * 4u * BN4;
  let tx = lid % WX;
  let ty = lid / WX;
  // acc[i][j]: row 4·(ty + (i / 4)·WY) + i % 4 of the tile, vec4 column tx + j·WX. Indices are
  // constants and the optional blocks hang on override constants, so the array stays in registers.
  var acc: array<array<vec4<f32>, 2>, 8>;
  for (var k0 = 0u; k0 < p.k; k0 += BK) {
    for (var q = lid; q < BK * BM4; q += WX * WY) {
      load_a(m0, k0, q, rows);
    }
    for (var q = lid; q < BK * BN4; q += WX * WY) {
      load_b(n0, k0, q);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < BK; kk++) {
      let a0 = a_tile[kk * BM4 + ty];
      let b0 = b_tile[kk * BN4 + tx];
      acc[0][0] = fma(vec4<f32>(a0.x), b0, acc[0][0]);
      acc[1][0] = fma(vec4<f32>(a0.y), b0, acc[1][0]);
      acc[2][0] = fma(vec4<f32>(a0.z), b0, acc[2][0]);
      acc[3][0] = fma(vec4<f32>(a0.w), b0, acc[3][0]);
      if (TN4 > 1u) {
        let b1 = b_tile[kk * BN4 + tx + WX];
        acc[0][1] = fma(vec4<f32>(a0.x), b1, acc[0][1]);
        acc[1][1] = fma(vec4<f32>(a0.y), b1, acc[1][1]);
        acc[2][1] = fma(vec4<f32>(a0.z), b1, acc[2][1]);
        acc[3][1] = fma(vec4<f32>(a0.w), b1, acc[3][1]);
      }
      if (TM4 > 1u) {
        let a1 = a_tile[kk * BM4 + ty + WY];
        acc[4][0] = fma(vec4<f32>(a1.x), b0, acc[4][0]);
        acc[5][0] = fma(vec4<f32>(a1.y), b0, acc[5][0]);
        acc[6][0] = fma(vec4<f32>(a1.z), b0, acc[6][0]);
        acc[7][0] = fma(vec4<f32>(a1.w), b0, acc[7][0]);
        if (TN4 > 1u) {
          let b1 = b_tile[kk * BN4 + tx + WX];
          acc[4][1] = fma(vec4<f32>(a1.x), b1, acc[4][1]);
          acc[5][1] = fma(vec4<f32>(a1.y), b1, acc[5][1]);
          acc[6][1] = fma(vec4<f32>(a1.z), b1, acc[6][1]);
          acc[7][1] = fma(vec4<f32>(a1.w), b1, acc[7][1]);
        }
      }
    }
    workgroupBarrier();
  }
  let r0 = m0 + 4u * ty;
  let c0 = n0 / 4u + tx;
  store4(r0, c0, acc[0][0], acc[1][0], acc[2][0], acc[3][0], rows);
  if (TN4 > 1u) {
    store4(r0, c0 + WX, acc[0][1], acc[1][1], acc[2][1], acc[3][1], rows);
  }
  if (TM4 > 1u) {
    store4(r0 + 4u * WY, c0, acc[4][0], acc[5][0], acc[6][0], acc[7][0], rows);
    if (TN4 > 1u) {
      store4(r0 + 4u * WY, c0 + WX, acc[4][1], acc[5][1], acc[6][1], acc[7][1], rows);
    }
  }
}
