;; Two probes of the core the bench runs on (simd-roof.ts times them):
;; - $chain: 16 dependent integer operations (add, xor) an iteration, 1 cycle each on every x86 and
;;   Arm core, so iterations × 16 ÷ time is the clock the core actually runs at (a VM's /proc/cpuinfo
;;   shows the nominal one, not the turbo);
;; - $roof: 6 f64x2 multiplies and 6 f64x2 adds an iteration, as the kernel's inner loops mix them,
;;   on 12 independent registers and no memory: what this core's SIMD does without FMA at best.
;;   6 chains of each hide a latency of 3 to 4 cycles at 2 operations a cycle, and 12 registers plus
;;   2 constants fit in the 15 xmm registers V8 allocates.
(module
  (func (export "chain") (param $n i32) (param $y i32) (result i32)
    (local $x i32)
    (loop $next
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (i32.xor (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $next (local.get $n)))
    (local.get $x))

  ;; $c near 1 (the products grow by c a step, the sums by c − 1): no overflow, no subnormals.
  (func (export "roof") (param $n i32) (param $c f64) (result f64)
    (local $k v128) (local $d v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $m4 v128) (local $m5 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128)
    (local.set $k (f64x2.splat (local.get $c)))
    (local.set $d (f64x2.splat (f64.sub (local.get $c) (f64.const 1))))
    (local.set $m0 (local.get $k)) (local.set $m1 (local.get $k)) (local.set $m2 (local.get $k))
    (local.set $m3 (local.get $k)) (local.set $m4 (local.get $k)) (local.set $m5 (local.get $k))
    (loop $next
      (local.set $m0 (f64x2.mul (local.get $m0) (local.get $k)))
      (local.set $a0 (f64x2.add (local.get $a0) (local.get $d)))
      (local.set $m1 (f64x2.mul (local.get $m1) (local.get $k)))
      (local.set $a1 (f64x2.add (local.get $a1) (local.get $d)))
      (local.set $m2 (f64x2.mul (local.get $m2) (local.get $k)))
      (local.set $a2 (f64x2.add (local.get $a2) (local.get $d)))
      (local.set $m3 (f64x2.mul (local.get $m3) (local.get $k)))
      (local.set $a3 (f64x2.add (local.get $a3) (local.get $d)))
      (local.set $m4 (f64x2.mul (local.get $m4) (local.get $k)))
      (local.set $a4 (f64x2.add (local.get $a4) (local.get $d)))
      (local.set $m5 (f64x2.mul (local.get $m5) (local.get $k)))
      (local.set $a5 (f64x2.add (local.get $a5) (local.get $d)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $next (local.get $n)))
    ;; every register feeds the result, so none of the work can be dropped
    (f64x2.extract_lane 0
      (f64x2.add
        (f64x2.add (f64x2.add (f64x2.add (local.get $m0) (local.get $m1)) (f64x2.add (local.get $m2) (local.get $m3)))
                   (f64x2.add (local.get $m4) (local.get $m5)))
        (f64x2.add (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3)))
                   (f64x2.add (local.get $a4) (local.get $a5)))))))
