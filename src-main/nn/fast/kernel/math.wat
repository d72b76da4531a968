;; Part of kernel.wat (included by the build, see scripts/vite-plugin-wat.mts): e^x, log x and the
;; sigmoid, after fdlibm, so they agree with Math.exp and Math.log to the last bit; tanh after Cephes,
;; and the hidden units' g of every activation (header field 60).
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

  ;; tanh on both lanes, after Cephes (Go's math.Tanh is the same): for |x| < 0.625 the rational form
  ;; x + x·s·P(s)/Q(s) with s = x², else 1 − 2/(e^2|x| + 1) with x's sign (e^2|x| = ∞ gives exactly ±1).
  ;; WebAssembly has no tanh, and a call out to Math.tanh per unit costs more than this; the tests
  ;; measure it against Math.tanh (within 2 ulp).
  (func $tanh (param $x v128) (result v128)
    (local $ax v128) (local $s v128) (local $small v128) (local $large v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (local.set $s (f64x2.mul (local.get $x) (local.get $x)))
    (local.set $small
      (f64x2.add (local.get $x)
        (f64x2.mul (f64x2.mul (local.get $x) (local.get $s))
          (f64x2.div
            (f64x2.add
              (f64x2.mul
                (f64x2.add (f64x2.mul (f64x2.splat (f64.const -9.64399179425052238628e-1)) (local.get $s))
                           (f64x2.splat (f64.const -9.92877231001918586564e1)))
                (local.get $s))
              (f64x2.splat (f64.const -1.61468768441708447952e3)))
            (f64x2.add
              (f64x2.mul
                (f64x2.add
                  (f64x2.mul (f64x2.add (local.get $s) (f64x2.splat (f64.const 1.12811678491632931402e2))) (local.get $s))
                  (f64x2.splat (f64.const 2.23548839060100448583e3)))
                (local.get $s))
              (f64x2.splat (f64.const 4.84406305325125486048e3)))))))
    (local.set $large
      (f64x2.sub (f64x2.splat (f64.const 1))
        (f64x2.div (f64x2.splat (f64.const 2))
          (f64x2.add (call $exp (f64x2.add (local.get $ax) (local.get $ax))) (f64x2.splat (f64.const 1))))))
    ;; x's sign bit on either form: the large one is ≥ 0, and the small one has x's sign but gives +0 for −0
    (v128.or
      (v128.bitselect (local.get $small) (local.get $large) (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 0.625))))
      (v128.and (local.get $x) (v128.const f64x2 -0 -0))))

  ;; a = g(z) in place for an even number of units at $ptr: $kind 0 the sigmoid (output units, and
  ;; Ng's hidden units), 1 tanh, 2 ReLU max(0, z) (pmax(0, z) is z only when 0 < z, so −0 and NaN give 0).
  (func $activateInPlace (param $ptr i32) (param $units i32) (param $kind i32)
    (local $end i32) (local $z v128)
    (if (i32.eqz (local.get $kind))
      (then
        (call $sigmoidInPlace (local.get $ptr) (local.get $units))
        (return)))
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $units) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $z (v128.load (local.get $ptr)))
        (v128.store (local.get $ptr)
          (if (result v128) (i32.eq (local.get $kind) (i32.const 1))
            (then (call $tanh (local.get $z)))
            (else (f64x2.pmax (f64x2.splat (f64.const 0)) (local.get $z)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next))))
