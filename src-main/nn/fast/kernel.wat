;; The fast kernel in WebAssembly SIMD: backprop over a range of examples, exactly the arithmetic of
;; kernel-js.ts, two float64 units at a time (f64x2). It sums the unregularized cost and
;; Δ(l) = Σ δ(l+1)·a(l)ᵀ; JavaScript finishes J and the gradient (layout.ts).
;;
;; Every thread instantiates this module on the same shared memory. Read-only during a call: the
;; header at byte 0 (written by memory-plan.ts), the inputs (packed.ts), the labels and Θ in the kernel
;; layout (each Θ(l) transposed, rows padded to an even number of units). Each thread writes only its
;; own Δ accumulator and its own scratch (a(l) and δ(l) of the current example).
;;
;; Header (i32 at byte offset):
;;   0 layer count L          4 rowStart (u32)       8 entries by example (u32: column | value index << 16)
;;  12 table of the distinct input values (f64)
;;  16 labels (u8)           20 Θ (f64)             24 bytes of one Δ accumulator
;;  28 examples per block    32 block → first column group (u32)      36 column group → byte offset of its Δ(1) row (u32)
;;  40 column group → first entry (u32)     44 entries by block and column (u32: example in block | value index << 16)
;;  52 byte offset of the block's δ(2) buffer in scratch
;;  64+4l units s(l)         128+4l padded units    192+4l byte offset of transposed Θ(l+1) in Θ and Δ
;; 256+4l byte offset of a(l) in scratch            320+4l byte offset of δ(l) in scratch
;;
;; exp and log follow fdlibm (the algorithms and constants behind V8's Math.exp and Math.log), so the
;; sigmoid and the cost agree with the JavaScript implementations to the last bit or two.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; e^x on both lanes: x = k·ln2 + r with |r| ≤ ln2/2, e^r by fdlibm's rational approximation,
  ;; then ·2^k as two exact power-of-two products so that k down to −1443 and up to 1443 needs no branch.
  (func $exp (param $x v128) (result v128)
    (local $k v128) (local $hi v128) (local $lo v128) (local $r v128) (local $t v128) (local $c v128)
    (local $y v128) (local $ki v128) (local $k1 v128) (local $k2 v128)
    ;; pmax/pmin keep a NaN x (it is their first operand) and compile to one instruction each
    (local.set $x (f64x2.pmin (f64x2.pmax (local.get $x) (f64x2.splat (f64.const -1000))) (f64x2.splat (f64.const 1000))))
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (f64x2.splat (f64.const 1.44269504088896338700e+00)))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (f64x2.splat (f64.const 6.93147180369123816490e-01)))))
    (local.set $lo (f64x2.mul (local.get $k) (f64x2.splat (f64.const 1.90821492927058770002e-10))))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c
      (f64x2.sub (local.get $r)
        (f64x2.mul (local.get $t)
          (f64x2.add (f64x2.splat (f64.const 1.66666666666666019037e-01))
            (f64x2.mul (local.get $t)
              (f64x2.add (f64x2.splat (f64.const -2.77777777770155933842e-03))
                (f64x2.mul (local.get $t)
                  (f64x2.add (f64x2.splat (f64.const 6.61375632143793436117e-05))
                    (f64x2.mul (local.get $t)
                      (f64x2.add (f64x2.splat (f64.const -1.65339022054652515390e-06))
                        (f64x2.mul (local.get $t) (f64x2.splat (f64.const 4.13813679705723846039e-08)))))))))))))
    ;; y = 1 − ((lo − r·c/(2 − c)) − hi)
    (local.set $y
      (f64x2.sub (f64x2.splat (f64.const 1))
        (f64x2.sub
          (f64x2.sub (local.get $lo)
            (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (f64x2.splat (f64.const 2)) (local.get $c))))
          (local.get $hi))))
    ;; k1 = k >> 1 and k2 = k − k1 as i32 lanes (x86 has no 64-bit arithmetic shift), then 2^k1·2^k2
    (local.set $ki (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))
    (local.set $k1 (i32x4.shr_s (local.get $ki) (i32.const 1)))
    (local.set $k2 (i32x4.sub (local.get $ki) (local.get $k1)))
    (f64x2.mul
      (f64x2.mul (local.get $y)
        (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (local.get $k1)) (i64x2.splat (i64.const 1023))) (i32.const 52)))
      (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (local.get $k2)) (i64x2.splat (i64.const 1023))) (i32.const 52))))

  ;; Natural log of one double, fdlibm's __ieee754_log: x = 2^k·(1+f), log(1+f) from s = f/(2+f).
  (func $log (param $x f64) (result f64)
    (local $bits i64) (local $hx i32) (local $k i32) (local $i i32) (local $j i32)
    (local $f f64) (local $s f64) (local $z f64) (local $w f64) (local $R f64) (local $dk f64) (local $hfsq f64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (if (i32.lt_s (local.get $hx) (i32.const 0x00100000))
      (then
        (if (i64.eqz (i64.and (local.get $bits) (i64.const 0x7fffffffffffffff)))
          (then (return (f64.const -inf))))
        (if (i32.lt_s (local.get $hx) (i32.const 0)) (then (return (f64.const nan))))
        ;; subnormal: scale up by 2^54
        (local.set $k (i32.const -54))
        (local.set $x (f64.mul (local.get $x) (f64.const 1.80143985094819840000e+16)))
        (local.set $bits (i64.reinterpret_f64 (local.get $x)))
        (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))))
    (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000)) (then (return (f64.add (local.get $x) (local.get $x)))))
    (local.set $k (i32.add (local.get $k) (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    (local.set $i (i32.and (i32.add (local.get $hx) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; normalize x or x/2 into [√2/2, √2)
    (local.set $x
      (f64.reinterpret_i64
        (i64.or
          (i64.shl (i64.extend_i32_u (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000)))) (i64.const 32))
          (i64.and (local.get $bits) (i64.const 0xffffffff)))))
    (local.set $k (i32.add (local.get $k) (i32.shr_s (local.get $i) (i32.const 20))))
    (local.set $f (f64.sub (local.get $x) (f64.const 1)))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx))) (i32.const 3))
      (then
        ;; −2^−20 ≤ f < 2^−20
        (if (f64.eq (local.get $f) (f64.const 0))
          (then
            (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
            (return (f64.add (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
                             (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))))))
        (local.set $R (f64.mul (f64.mul (local.get $f) (local.get $f))
                               (f64.sub (f64.const 0.5) (f64.mul (f64.const 0.33333333333333333) (local.get $f)))))
        (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $R)))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
                         (f64.sub (f64.sub (local.get $R) (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10)))
                                  (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $i (i32.sub (local.get $hx) (i32.const 0x6147a)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    (local.set $j (i32.sub (i32.const 0x6b851) (local.get $hx)))
    ;; R = t2 + t1 with t1 = w(Lg2 + w(Lg4 + w·Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w·Lg7)))
    (local.set $R
      (f64.add
        (f64.mul (local.get $z)
          (f64.add (f64.const 6.666666666666735130e-01)
            (f64.mul (local.get $w)
              (f64.add (f64.const 2.857142874366239149e-01)
                (f64.mul (local.get $w)
                  (f64.add (f64.const 1.818357216161805012e-01)
                    (f64.mul (local.get $w) (f64.const 1.479819860511658591e-01))))))))
        (f64.mul (local.get $w)
          (f64.add (f64.const 3.999999999940941908e-01)
            (f64.mul (local.get $w)
              (f64.add (f64.const 2.222219843214978396e-01)
                (f64.mul (local.get $w) (f64.const 1.531383769920937332e-01))))))))
    (if (i32.gt_s (i32.or (local.get $i) (local.get $j)) (i32.const 0))
      (then
        (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
        (if (i32.eqz (local.get $k))
          (then (return (f64.sub (local.get $f)
                                 (f64.sub (local.get $hfsq) (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R))))))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
                         (f64.sub (f64.sub (local.get $hfsq)
                                           (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R)))
                                                    (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))))
                                  (local.get $f))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f) (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $R)))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
             (f64.sub (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $R)))
                               (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10)))
                      (local.get $f))))

  ;; a = g(z) = 1 / (1 + e^−z) in place, for an even number of units at $ptr.
  (func $sigmoidInPlace (param $ptr i32) (param $units i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $units) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (v128.store (local.get $ptr)
          (f64x2.div (f64x2.splat (f64.const 1))
            (f64x2.add (f64x2.splat (f64.const 1)) (call $exp (f64x2.neg (v128.load (local.get $ptr)))))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next))))

  ;; z(l+1) = bias row + Σ x·(row j+1 of transposed Θ(l)) over the nonzero inputs of one example
  ;; (packed entries $begin…$end−1: column in the low 16 bits, index into the value $table in the
  ;; high 16). The units are done 26 at a time (25 hidden units, Ng's default, in one sweep) with the sums
  ;; held in 13 registers, then 8 at a time, then 2; fewer sweeps over the inputs mean less loop overhead.
  (func $forwardSparse (param $entries i32) (param $table i32) (param $begin i32) (param $end i32)
                       (param $w i32) (param $width i32) (param $z i32)
    (local $u i32) (local $p i32) (local $e i32) (local $row i32) (local $stride i32) (local $x v128)
    (local $z0 v128) (local $z1 v128) (local $z2 v128) (local $z3 v128) (local $z4 v128) (local $z5 v128) (local $z6 v128) (local $z7 v128) (local $z8 v128) (local $z9 v128) (local $z10 v128) (local $z11 v128) (local $z12 v128)
    (local.set $stride (i32.shl (local.get $width) (i32.const 3)))
    (block $tiles13Done
      (loop $tile13
        (br_if $tiles13Done (i32.gt_u (i32.add (local.get $u) (i32.const 26)) (local.get $width)))
        (local.set $row (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $z0 (v128.load offset=0 (local.get $row)))
        (local.set $z1 (v128.load offset=16 (local.get $row)))
        (local.set $z2 (v128.load offset=32 (local.get $row)))
        (local.set $z3 (v128.load offset=48 (local.get $row)))
        (local.set $z4 (v128.load offset=64 (local.get $row)))
        (local.set $z5 (v128.load offset=80 (local.get $row)))
        (local.set $z6 (v128.load offset=96 (local.get $row)))
        (local.set $z7 (v128.load offset=112 (local.get $row)))
        (local.set $z8 (v128.load offset=128 (local.get $row)))
        (local.set $z9 (v128.load offset=144 (local.get $row)))
        (local.set $z10 (v128.load offset=160 (local.get $row)))
        (local.set $z11 (v128.load offset=176 (local.get $row)))
        (local.set $z12 (v128.load offset=192 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $e (i32.load (i32.add (local.get $entries) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $e) (i32.const 16)) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (i32.and (local.get $e) (i32.const 0xffff)) (i32.const 1)))))
            (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $row)))))
            (local.set $z1 (f64x2.add (local.get $z1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $row)))))
            (local.set $z2 (f64x2.add (local.get $z2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $row)))))
            (local.set $z3 (f64x2.add (local.get $z3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $row)))))
            (local.set $z4 (f64x2.add (local.get $z4) (f64x2.mul (local.get $x) (v128.load offset=64 (local.get $row)))))
            (local.set $z5 (f64x2.add (local.get $z5) (f64x2.mul (local.get $x) (v128.load offset=80 (local.get $row)))))
            (local.set $z6 (f64x2.add (local.get $z6) (f64x2.mul (local.get $x) (v128.load offset=96 (local.get $row)))))
            (local.set $z7 (f64x2.add (local.get $z7) (f64x2.mul (local.get $x) (v128.load offset=112 (local.get $row)))))
            (local.set $z8 (f64x2.add (local.get $z8) (f64x2.mul (local.get $x) (v128.load offset=128 (local.get $row)))))
            (local.set $z9 (f64x2.add (local.get $z9) (f64x2.mul (local.get $x) (v128.load offset=144 (local.get $row)))))
            (local.set $z10 (f64x2.add (local.get $z10) (f64x2.mul (local.get $x) (v128.load offset=160 (local.get $row)))))
            (local.set $z11 (f64x2.add (local.get $z11) (f64x2.mul (local.get $x) (v128.load offset=176 (local.get $row)))))
            (local.set $z12 (f64x2.add (local.get $z12) (f64x2.mul (local.get $x) (v128.load offset=192 (local.get $row)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $row (i32.add (local.get $z) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store offset=0 (local.get $row) (local.get $z0))
        (v128.store offset=16 (local.get $row) (local.get $z1))
        (v128.store offset=32 (local.get $row) (local.get $z2))
        (v128.store offset=48 (local.get $row) (local.get $z3))
        (v128.store offset=64 (local.get $row) (local.get $z4))
        (v128.store offset=80 (local.get $row) (local.get $z5))
        (v128.store offset=96 (local.get $row) (local.get $z6))
        (v128.store offset=112 (local.get $row) (local.get $z7))
        (v128.store offset=128 (local.get $row) (local.get $z8))
        (v128.store offset=144 (local.get $row) (local.get $z9))
        (v128.store offset=160 (local.get $row) (local.get $z10))
        (v128.store offset=176 (local.get $row) (local.get $z11))
        (v128.store offset=192 (local.get $row) (local.get $z12))
        (local.set $u (i32.add (local.get $u) (i32.const 26)))
        (br $tile13)))
    (block $tiles4Done
      (loop $tile4
        (br_if $tiles4Done (i32.gt_u (i32.add (local.get $u) (i32.const 8)) (local.get $width)))
        (local.set $row (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $z0 (v128.load offset=0 (local.get $row)))
        (local.set $z1 (v128.load offset=16 (local.get $row)))
        (local.set $z2 (v128.load offset=32 (local.get $row)))
        (local.set $z3 (v128.load offset=48 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $e (i32.load (i32.add (local.get $entries) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $e) (i32.const 16)) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (i32.and (local.get $e) (i32.const 0xffff)) (i32.const 1)))))
            (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $row)))))
            (local.set $z1 (f64x2.add (local.get $z1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $row)))))
            (local.set $z2 (f64x2.add (local.get $z2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $row)))))
            (local.set $z3 (f64x2.add (local.get $z3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $row)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $row (i32.add (local.get $z) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store offset=0 (local.get $row) (local.get $z0))
        (v128.store offset=16 (local.get $row) (local.get $z1))
        (v128.store offset=32 (local.get $row) (local.get $z2))
        (v128.store offset=48 (local.get $row) (local.get $z3))
        (local.set $u (i32.add (local.get $u) (i32.const 8)))
        (br $tile4)))
    (block $tiles1Done
      (loop $tile1
        (br_if $tiles1Done (i32.ge_u (local.get $u) (local.get $width)))
        (local.set $row (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $z0 (v128.load offset=0 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $e (i32.load (i32.add (local.get $entries) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $e) (i32.const 16)) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (i32.and (local.get $e) (i32.const 0xffff)) (i32.const 1)))))
            (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $row)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $row (i32.add (local.get $z) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store offset=0 (local.get $row) (local.get $z0))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))
        (br $tile1))))

  ;; z(l+1) = bias row + Σⱼ a(l)ⱼ·(row j+1 of transposed Θ(l)) over the $count dense activations at $a.
  (func $forwardDense (param $a i32) (param $count i32) (param $w i32) (param $width i32) (param $z i32)
    (local $u i32) (local $p i32) (local $row i32) (local $stride i32) (local $x v128) (local $begin i32) (local $end i32)
    (local $z0 v128) (local $z1 v128) (local $z2 v128) (local $z3 v128)
    (local.set $stride (i32.shl (local.get $width) (i32.const 3)))
    (local.set $end (local.get $count))
    (block $tiles4Done
      (loop $tile4
        (br_if $tiles4Done (i32.gt_u (i32.add (local.get $u) (i32.const 8)) (local.get $width)))
        (local.set $row (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $z0 (v128.load offset=0 (local.get $row)))
        (local.set $z1 (v128.load offset=16 (local.get $row)))
        (local.set $z2 (v128.load offset=32 (local.get $row)))
        (local.set $z3 (v128.load offset=48 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $x (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (local.get $p) (i32.const 1)))))
            (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $row)))))
            (local.set $z1 (f64x2.add (local.get $z1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $row)))))
            (local.set $z2 (f64x2.add (local.get $z2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $row)))))
            (local.set $z3 (f64x2.add (local.get $z3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $row)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $row (i32.add (local.get $z) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store offset=0 (local.get $row) (local.get $z0))
        (v128.store offset=16 (local.get $row) (local.get $z1))
        (v128.store offset=32 (local.get $row) (local.get $z2))
        (v128.store offset=48 (local.get $row) (local.get $z3))
        (local.set $u (i32.add (local.get $u) (i32.const 8)))
        (br $tile4)))
    (block $tiles1Done
      (loop $tile1
        (br_if $tiles1Done (i32.ge_u (local.get $u) (local.get $width)))
        (local.set $row (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $z0 (v128.load offset=0 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $x (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $w) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (local.get $p) (i32.const 1)))))
            (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $row)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $row (i32.add (local.get $z) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store offset=0 (local.get $row) (local.get $z0))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))
        (br $tile1))))

  ;; Δ(1) += δ(2)·xᵀ over the nonzero inputs of one example (packed entries, bias row included): each
  ;; nonzero input adds x·δ(2) to its row of the transposed Δ(1). δ(2) is held in registers eight units
  ;; at a time. (Full evaluations use accumulateBlocks instead; this serves mini-batches.)
  (func $backwardSparse (param $entries i32) (param $table i32) (param $begin i32) (param $end i32)
                        (param $g i32) (param $width i32) (param $delta i32)
    (local $u i32) (local $p i32) (local $e i32) (local $row i32) (local $stride i32) (local $x v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $stride (i32.shl (local.get $width) (i32.const 3)))
    ;; bias row: Δ += δ
    (block $biasDone
      (loop $bias
        (br_if $biasDone (i32.ge_u (local.get $u) (local.get $width)))
        (local.set $row (i32.add (local.get $g) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store (local.get $row)
          (f64x2.add (v128.load (local.get $row)) (v128.load (i32.add (local.get $delta) (i32.shl (local.get $u) (i32.const 3))))))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))
        (br $bias)))
    (local.set $u (i32.const 0))
    (block $tiles4Done
      (loop $tile4
        (br_if $tiles4Done (i32.gt_u (i32.add (local.get $u) (i32.const 8)) (local.get $width)))
        (local.set $row (i32.add (local.get $delta) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $d0 (v128.load offset=0 (local.get $row)))
        (local.set $d1 (v128.load offset=16 (local.get $row)))
        (local.set $d2 (v128.load offset=32 (local.get $row)))
        (local.set $d3 (v128.load offset=48 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $e (i32.load (i32.add (local.get $entries) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $e) (i32.const 16)) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $g) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (i32.and (local.get $e) (i32.const 0xffff)) (i32.const 1)))))
            (v128.store offset=0 (local.get $row) (f64x2.add (v128.load offset=0 (local.get $row)) (f64x2.mul (local.get $x) (local.get $d0))))
            (v128.store offset=16 (local.get $row) (f64x2.add (v128.load offset=16 (local.get $row)) (f64x2.mul (local.get $x) (local.get $d1))))
            (v128.store offset=32 (local.get $row) (f64x2.add (v128.load offset=32 (local.get $row)) (f64x2.mul (local.get $x) (local.get $d2))))
            (v128.store offset=48 (local.get $row) (f64x2.add (v128.load offset=48 (local.get $row)) (f64x2.mul (local.get $x) (local.get $d3))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $u (i32.add (local.get $u) (i32.const 8)))
        (br $tile4)))
    (block $tiles1Done
      (loop $tile1
        (br_if $tiles1Done (i32.ge_u (local.get $u) (local.get $width)))
        (local.set $row (i32.add (local.get $delta) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $d0 (v128.load offset=0 (local.get $row)))
        (local.set $p (local.get $begin))
        (block $inputsDone
          (loop $input
            (br_if $inputsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $e (i32.load (i32.add (local.get $entries) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $e) (i32.const 16)) (i32.const 3)))))
            (local.set $row (i32.add (i32.add (local.get $g) (i32.shl (local.get $u) (i32.const 3)))
              (i32.mul (local.get $stride) (i32.add (i32.and (local.get $e) (i32.const 0xffff)) (i32.const 1)))))
            (v128.store offset=0 (local.get $row) (f64x2.add (v128.load offset=0 (local.get $row)) (f64x2.mul (local.get $x) (local.get $d0))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $input)))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))
        (br $tile1))))

  ;; Backward through a dense layer l ≥ 2: Δ(l) += δ(l+1)·[1 a(l)]ᵀ and δ(l)ⱼ = (Θ(l)ᵀδ(l+1))ⱼ·aⱼ(1 − aⱼ).
  (func $backwardDense (param $a i32) (param $inUnits i32) (param $dNext i32) (param $width i32)
                       (param $w i32) (param $g i32) (param $d i32)
    (local $j i32) (local $u i32) (local $row i32) (local $at i32) (local $stride i32)
    (local $aj f64) (local $x v128) (local $dot v128) (local $dn v128) (local $back f64)
    (local.set $stride (i32.shl (local.get $width) (i32.const 3)))
    (block $biasDone
      (loop $bias
        (br_if $biasDone (i32.ge_u (local.get $u) (local.get $width)))
        (local.set $at (i32.add (local.get $g) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store (local.get $at)
          (f64x2.add (v128.load (local.get $at)) (v128.load (i32.add (local.get $dNext) (i32.shl (local.get $u) (i32.const 3))))))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))
        (br $bias)))
    (block $unitsDone
      (loop $unit
        (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $inUnits)))
        (local.set $aj (f64.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $x (f64x2.splat (local.get $aj)))
        (local.set $row (i32.mul (local.get $stride) (i32.add (local.get $j) (i32.const 1))))
        (local.set $dot (v128.const i64x2 0 0))
        (local.set $u (i32.const 0))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $u) (local.get $width)))
            (local.set $dn (v128.load (i32.add (local.get $dNext) (i32.shl (local.get $u) (i32.const 3)))))
            (local.set $at (i32.add (local.get $row) (i32.shl (local.get $u) (i32.const 3))))
            (local.set $dot (f64x2.add (local.get $dot) (f64x2.mul (v128.load (i32.add (local.get $w) (local.get $at))) (local.get $dn))))
            (v128.store (i32.add (local.get $g) (local.get $at))
              (f64x2.add (v128.load (i32.add (local.get $g) (local.get $at))) (f64x2.mul (local.get $x) (local.get $dn))))
            (local.set $u (i32.add (local.get $u) (i32.const 2)))
            (br $pair)))
        (local.set $back (f64.add (f64x2.extract_lane 0 (local.get $dot)) (f64x2.extract_lane 1 (local.get $dot))))
        (f64.store (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))
          (f64.mul (f64.mul (local.get $back) (local.get $aj)) (f64.sub (f64.const 1) (local.get $aj))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $unit))))

  ;; One example's forward pass: a(2) … a(L) into the scratch, layer 1 → 2 over its nonzero inputs.
  (func $forward (param $e i32) (param $scratch i32)
    (local $theta i32) (local $l i32) (local $last i32) (local $width1 i32)
    (local.set $theta (i32.load (i32.const 20)))
    (local.set $last (i32.sub (i32.load (i32.const 0)) (i32.const 1)))
    (local.set $width1 (i32.load (i32.const 132)))
    (call $forwardSparse (i32.load (i32.const 8)) (i32.load (i32.const 12))
      (i32.load (i32.add (i32.load (i32.const 4)) (i32.shl (local.get $e) (i32.const 2))))
      (i32.load offset=4 (i32.add (i32.load (i32.const 4)) (i32.shl (local.get $e) (i32.const 2))))
      (i32.add (local.get $theta) (i32.load (i32.const 192))) (local.get $width1)
      (i32.add (local.get $scratch) (i32.load (i32.const 260))))
    (call $sigmoidInPlace (i32.add (local.get $scratch) (i32.load (i32.const 260))) (local.get $width1))
    (local.set $l (i32.const 1))
    (block $forwardDone
      (loop $layer
        (br_if $forwardDone (i32.ge_u (local.get $l) (local.get $last)))
        (call $forwardDense
          (i32.add (local.get $scratch) (i32.load offset=256 (i32.shl (local.get $l) (i32.const 2))))
          (i32.load offset=64 (i32.shl (local.get $l) (i32.const 2)))
          (i32.add (local.get $theta) (i32.load offset=192 (i32.shl (local.get $l) (i32.const 2))))
          (i32.load offset=132 (i32.shl (local.get $l) (i32.const 2)))
          (i32.add (local.get $scratch) (i32.load offset=260 (i32.shl (local.get $l) (i32.const 2)))))
        (call $sigmoidInPlace
          (i32.add (local.get $scratch) (i32.load offset=260 (i32.shl (local.get $l) (i32.const 2))))
          (i32.load offset=132 (i32.shl (local.get $l) (i32.const 2))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $layer))))

  ;; One example's forward pass, its cost terms and δ(L) = a(L) − y, and backprop through the dense
  ;; layers (adding to their Δ); leaves δ(2) in the scratch for the caller's sparse layer-1 step.
  ;; Returns the example's cost −Σₖ[yₖ·log hₖ + (1−yₖ)·log(1−hₖ)].
  (func $example (param $e i32) (param $acc i32) (param $scratch i32) (result f64)
    (local $theta i32) (local $l i32) (local $last i32)
    (local $a i32) (local $d i32) (local $k i32) (local $classes i32)
    (local $label i32) (local $h f64) (local $cost f64)
    (local.set $theta (i32.load (i32.const 20)))
    (local.set $last (i32.sub (i32.load (i32.const 0)) (i32.const 1)))
    (local.set $classes (i32.load offset=64 (i32.shl (local.get $last) (i32.const 2))))
    (call $forward (local.get $e) (local.get $scratch))

    ;; output: cost terms and δ(L) = a(L) − y, where only the labelled class has y = 1
    (local.set $a (i32.add (local.get $scratch) (i32.load offset=256 (i32.shl (local.get $last) (i32.const 2)))))
    (local.set $d (i32.add (local.get $scratch) (i32.load offset=320 (i32.shl (local.get $last) (i32.const 2)))))
    (local.set $label (i32.load8_u (i32.add (i32.load (i32.const 16)) (local.get $e))))
    (block $classesDone
      (loop $class
        (br_if $classesDone (i32.ge_u (local.get $k) (local.get $classes)))
        (local.set $h (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))))
        (if (i32.eq (local.get $k) (local.get $label))
          (then
            (local.set $cost (f64.sub (local.get $cost) (call $log (local.get $h))))
            (f64.store (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3))) (f64.sub (local.get $h) (f64.const 1))))
          (else
            (local.set $cost (f64.sub (local.get $cost) (call $log (f64.sub (f64.const 1) (local.get $h)))))
            (f64.store (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3))) (local.get $h))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $class)))

    ;; backward through the dense layers, last first
    (local.set $l (i32.sub (local.get $last) (i32.const 1)))
    (block $backwardDone
      (loop $layer
        (br_if $backwardDone (i32.lt_s (local.get $l) (i32.const 1)))
        (call $backwardDense
          (i32.add (local.get $scratch) (i32.load offset=256 (i32.shl (local.get $l) (i32.const 2))))
          (i32.load offset=64 (i32.shl (local.get $l) (i32.const 2)))
          (i32.add (local.get $scratch) (i32.load offset=324 (i32.shl (local.get $l) (i32.const 2))))
          (i32.load offset=132 (i32.shl (local.get $l) (i32.const 2)))
          (i32.add (local.get $theta) (i32.load offset=192 (i32.shl (local.get $l) (i32.const 2))))
          (i32.add (local.get $acc) (i32.load offset=192 (i32.shl (local.get $l) (i32.const 2))))
          (i32.add (local.get $scratch) (i32.load offset=320 (i32.shl (local.get $l) (i32.const 2)))))
        (local.set $l (i32.sub (local.get $l) (i32.const 1)))
        (br $layer)))
    (local.get $cost))

  ;; Adds the cost and Δ of examples from…to−1 (their indices read from the u32 list at $rows, or the
  ;; examples themselves when $rows is 0) into the accumulator at $acc, which it zeroes first, using
  ;; the scratch at $scratch. Returns the summed cost. Used for mini-batches (any rows, any order).
  (func (export "accumulate") (param $from i32) (param $to i32) (param $rows i32) (param $acc i32) (param $scratch i32)
                              (result f64)
    (local $t i32) (local $e i32) (local $cost f64) (local $rowStart i32)
    (local.set $rowStart (i32.load (i32.const 4)))
    (memory.fill (local.get $acc) (i32.const 0) (i32.load (i32.const 24)))
    (local.set $t (local.get $from))
    (block $examplesDone
      (loop $next
        (br_if $examplesDone (i32.ge_u (local.get $t) (local.get $to)))
        (local.set $e
          (if (result i32) (local.get $rows)
            (then (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 2)))))
            (else (local.get $t))))
        (local.set $cost (f64.add (local.get $cost) (call $example (local.get $e) (local.get $acc) (local.get $scratch))))
        ;; backward into layer 1, over this example's nonzero inputs
        (call $backwardSparse (i32.load (i32.const 8)) (i32.load (i32.const 12))
          (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $e) (i32.const 2))))
          (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $e) (i32.const 2))))
          (i32.add (local.get $acc) (i32.load (i32.const 192))) (i32.load (i32.const 132))
          (i32.add (local.get $scratch) (i32.load (i32.const 324))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
    (local.get $cost))

  ;; Like accumulate over all examples of blocks first…end−1 (block b holds examples b·B … b·B+B−1 of
  ;; the m), but Δ(1) is summed a block at a time by input column (see BlockedColumns in sparse.ts):
  ;; each example's δ(2) is kept in the block's δ buffer, then every Δ(1) row the block touches is
  ;; loaded once, gets x·δ(2) of each example having that input, in example order, and is stored once.
  (func (export "accumulateBlocks") (param $first i32) (param $endBlock i32) (param $m i32) (param $acc i32)
                                    (param $scratch i32) (result f64)
    (local $b i32) (local $e i32) (local $stop i32) (local $blockSize i32) (local $width1 i32) (local $rowBytes i32)
    (local $deltas i32) (local $g i32) (local $u i32) (local $q i32) (local $qEnd i32) (local $i i32) (local $iEnd i32)
    (local $row i32) (local $at i32) (local $x v128) (local $cost f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128)
    (local $blockColumnStart i32) (local $columnRow i32) (local $columnStart i32) (local $blockEntries i32) (local $table i32) (local $entry i32)
    (memory.fill (local.get $acc) (i32.const 0) (i32.load (i32.const 24)))
    (local.set $blockColumnStart (i32.load (i32.const 32)))
    (local.set $columnRow (i32.load (i32.const 36)))
    (local.set $columnStart (i32.load (i32.const 40)))
    (local.set $blockEntries (i32.load (i32.const 44)))
    (local.set $table (i32.load (i32.const 12)))
    (local.set $blockSize (i32.load (i32.const 28)))
    (local.set $width1 (i32.load (i32.const 132)))
    (local.set $rowBytes (i32.shl (local.get $width1) (i32.const 3)))
    (local.set $deltas (i32.add (local.get $scratch) (i32.load (i32.const 52))))
    (local.set $g (i32.add (local.get $acc) (i32.load (i32.const 192))))
    (local.set $b (local.get $first))
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.ge_u (local.get $b) (local.get $endBlock)))
        ;; forward and dense backward of each example; keep its δ(2) and add it to the bias row
        (local.set $e (i32.mul (local.get $b) (local.get $blockSize)))
        (local.set $stop (i32.add (local.get $e) (local.get $blockSize)))
        (if (i32.gt_u (local.get $stop) (local.get $m)) (then (local.set $stop (local.get $m))))
        (local.set $at (local.get $deltas))
        (block $examplesDone
          (loop $next
            (br_if $examplesDone (i32.ge_u (local.get $e) (local.get $stop)))
            (local.set $cost (f64.add (local.get $cost) (call $example (local.get $e) (local.get $acc) (local.get $scratch))))
            (memory.copy (local.get $at) (i32.add (local.get $scratch) (i32.load (i32.const 324))) (local.get $rowBytes))
            (local.set $u (i32.const 0))
            (block $biasDone
              (loop $bias
                (br_if $biasDone (i32.ge_u (local.get $u) (local.get $rowBytes)))
                (v128.store (i32.add (local.get $g) (local.get $u))
                  (f64x2.add (v128.load (i32.add (local.get $g) (local.get $u))) (v128.load (i32.add (local.get $at) (local.get $u)))))
                (local.set $u (i32.add (local.get $u) (i32.const 16)))
                (br $bias)))
            (local.set $at (i32.add (local.get $at) (local.get $rowBytes)))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $next)))

        ;; Δ(1) rows of the inputs this block touches, 12 units at a time, then 8, then 2 (measured: 12 beats
        ;; 26, for which the 13 sums, the input and δ(2) no longer fit the 16 SIMD registers)
        (local.set $q (i32.load (i32.add (local.get $blockColumnStart) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $qEnd (i32.load offset=4 (i32.add (local.get $blockColumnStart) (i32.shl (local.get $b) (i32.const 2)))))
        (block $columnsDone
          (loop $column
            (br_if $columnsDone (i32.ge_u (local.get $q) (local.get $qEnd)))
            (local.set $row (i32.add (local.get $g) (i32.load (i32.add (local.get $columnRow) (i32.shl (local.get $q) (i32.const 2))))))
            (local.set $iEnd (i32.load offset=4 (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $u (i32.const 0))
            (block $tiles6Done
              (loop $tile6
                (br_if $tiles6Done (i32.gt_u (i32.add (local.get $u) (i32.const 96)) (local.get $rowBytes)))
                (local.set $at (i32.add (local.get $row) (local.get $u)))
                (local.set $s0 (v128.load offset=0 (local.get $at)))
                (local.set $s1 (v128.load offset=16 (local.get $at)))
                (local.set $s2 (v128.load offset=32 (local.get $at)))
                (local.set $s3 (v128.load offset=48 (local.get $at)))
                (local.set $s4 (v128.load offset=64 (local.get $at)))
                (local.set $s5 (v128.load offset=80 (local.get $at)))
                (local.set $i (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))))
                (block $entriesDone
                  (loop $entry
                    (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                    (local.set $entry (i32.load (i32.add (local.get $blockEntries) (i32.shl (local.get $i) (i32.const 2)))))
                    (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                    (local.set $at (i32.add (i32.add (local.get $deltas) (local.get $u))
                                            (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                    (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $at)))))
                    (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $at)))))
                    (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $at)))))
                    (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $at)))))
                    (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (local.get $x) (v128.load offset=64 (local.get $at)))))
                    (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (local.get $x) (v128.load offset=80 (local.get $at)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $entry)))
                (local.set $at (i32.add (local.get $row) (local.get $u)))
                (v128.store offset=0 (local.get $at) (local.get $s0))
                (v128.store offset=16 (local.get $at) (local.get $s1))
                (v128.store offset=32 (local.get $at) (local.get $s2))
                (v128.store offset=48 (local.get $at) (local.get $s3))
                (v128.store offset=64 (local.get $at) (local.get $s4))
                (v128.store offset=80 (local.get $at) (local.get $s5))
                (local.set $u (i32.add (local.get $u) (i32.const 96)))
                (br $tile6)))
            (block $tiles4Done
              (loop $tile4
                (br_if $tiles4Done (i32.gt_u (i32.add (local.get $u) (i32.const 64)) (local.get $rowBytes)))
                (local.set $at (i32.add (local.get $row) (local.get $u)))
                (local.set $s0 (v128.load offset=0 (local.get $at)))
                (local.set $s1 (v128.load offset=16 (local.get $at)))
                (local.set $s2 (v128.load offset=32 (local.get $at)))
                (local.set $s3 (v128.load offset=48 (local.get $at)))
                (local.set $i (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))))
                (block $entriesDone
                  (loop $entry
                    (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                    (local.set $entry (i32.load (i32.add (local.get $blockEntries) (i32.shl (local.get $i) (i32.const 2)))))
                    (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                    (local.set $at (i32.add (i32.add (local.get $deltas) (local.get $u))
                                            (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                    (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $at)))))
                    (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $at)))))
                    (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $at)))))
                    (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $at)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $entry)))
                (local.set $at (i32.add (local.get $row) (local.get $u)))
                (v128.store offset=0 (local.get $at) (local.get $s0))
                (v128.store offset=16 (local.get $at) (local.get $s1))
                (v128.store offset=32 (local.get $at) (local.get $s2))
                (v128.store offset=48 (local.get $at) (local.get $s3))
                (local.set $u (i32.add (local.get $u) (i32.const 64)))
                (br $tile4)))
            (block $pairsDone
              (loop $pair
                (br_if $pairsDone (i32.ge_u (local.get $u) (local.get $rowBytes)))
                (local.set $s0 (v128.load (i32.add (local.get $row) (local.get $u))))
                (local.set $i (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))))
                (block $entriesDone
                  (loop $entry
                    (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                    (local.set $entry (i32.load (i32.add (local.get $blockEntries) (i32.shl (local.get $i) (i32.const 2)))))
                    (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                    (local.set $at (i32.add (i32.add (local.get $deltas) (local.get $u))
                                            (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                    (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (local.get $at)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $entry)))
                (v128.store (i32.add (local.get $row) (local.get $u)) (local.get $s0))
                (local.set $u (i32.add (local.get $u) (i32.const 16)))
                (br $pair)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $column)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $block)))
    (local.get $cost))

  ;; The class of each example from…to−1 (forward pass only): the byte at $out + e is the index of
  ;; the largest output unit, the first of equals, as Octave's max and predict.ts choose.
  (func (export "predict") (param $from i32) (param $to i32) (param $out i32) (param $scratch i32)
    (local $e i32) (local $a i32) (local $classes i32) (local $k i32) (local $best i32) (local $last i32)
    (local.set $last (i32.sub (i32.load (i32.const 0)) (i32.const 1)))
    (local.set $classes (i32.load offset=64 (i32.shl (local.get $last) (i32.const 2))))
    (local.set $a (i32.add (local.get $scratch) (i32.load offset=256 (i32.shl (local.get $last) (i32.const 2)))))
    (local.set $e (local.get $from))
    (block $examplesDone
      (loop $next
        (br_if $examplesDone (i32.ge_u (local.get $e) (local.get $to)))
        (call $forward (local.get $e) (local.get $scratch))
        (local.set $best (i32.const 0))
        (local.set $k (i32.const 1))
        (block $classesDone
          (loop $class
            (br_if $classesDone (i32.ge_u (local.get $k) (local.get $classes)))
            (if (f64.gt (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
                        (f64.load (i32.add (local.get $a) (i32.shl (local.get $best) (i32.const 3)))))
              (then (local.set $best (local.get $k))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $class)))
        (i32.store8 (i32.add (local.get $out) (local.get $e)) (local.get $best))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $next))))

  ;; Test hooks: e^x and log x of `count` doubles at $ptr, in place, so the tests can compare them
  ;; with Math.exp and Math.log bit for bit. ($count must be even for exp.)
  (func (export "expInPlace") (param $ptr i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (v128.store (local.get $ptr) (call $exp (v128.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next))))
  (func (export "logInPlace") (param $ptr i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (f64.store (local.get $ptr) (call $log (f64.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
        (br $next))))
)
