;; Two probes of the core the bench runs on (simd-roof.ts times them):
;; - $chain: 16 dependent integer operations (add, xor) an iteration, 1 cycle each on every x86 and
;;   Arm core, so iterations × 16 ÷ time is the clock the core actually runs at (a VM's /proc/cpuinfo
;;   shows the nominal one, not the turbo);
;; - $roof: the fast kernel's inner loop with nothing else around it: x·w added to 12 f64x2 sums (a
;;   multiply then an add: WebAssembly SIMD has no fused multiply-add outside relaxed SIMD, which Node 20
;;   lacks and whose rounding differs between machines), w read from the next of 16 rows of 12 f64x2
;;   (3 KiB, in L1 cache), as the kernel reads a row of Θ(1) for every nonzero input. 12 independent
;;   sums hide the add's latency, and 12 sums, x and the row address fit V8's registers.
(module
  (memory (export "memory") 1)
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

  ;; Adds x·w to each sum `rounds` times, w from row (round mod 16); returns the sum of all 24 lanes
  ;; (so no sum is dead code).
  (func (export "roof") (param $rounds i32) (param $scale f64) (result f64)
    (local $i i32) (local $row i32) (local $x v128) (local $total v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128) (local $s8 v128) (local $s9 v128) (local $s10 v128) (local $s11 v128)
    (local.set $x (f64x2.splat (local.get $scale)))
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $i) (local.get $rounds)))
        (local.set $row (i32.mul (i32.and (local.get $i) (i32.const 15)) (i32.const 192)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $row)))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $row)))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $row)))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $row)))))
        (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (local.get $x) (v128.load offset=64 (local.get $row)))))
        (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (local.get $x) (v128.load offset=80 (local.get $row)))))
        (local.set $s6 (f64x2.add (local.get $s6) (f64x2.mul (local.get $x) (v128.load offset=96 (local.get $row)))))
        (local.set $s7 (f64x2.add (local.get $s7) (f64x2.mul (local.get $x) (v128.load offset=112 (local.get $row)))))
        (local.set $s8 (f64x2.add (local.get $s8) (f64x2.mul (local.get $x) (v128.load offset=128 (local.get $row)))))
        (local.set $s9 (f64x2.add (local.get $s9) (f64x2.mul (local.get $x) (v128.load offset=144 (local.get $row)))))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x) (v128.load offset=160 (local.get $row)))))
        (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x) (v128.load offset=176 (local.get $row)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $round)))
    (local.set $total (local.get $s0))
    (local.set $total (f64x2.add (local.get $total) (local.get $s1)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s2)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s3)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s4)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s5)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s6)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s7)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s8)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s9)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s10)))
    (local.set $total (f64x2.add (local.get $total) (local.get $s11)))
    (f64.add (f64x2.extract_lane 0 (local.get $total)) (f64x2.extract_lane 1 (local.get $total)))))
