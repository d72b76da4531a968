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
;;  48 dense inputs (f64, m × n, example by example), or 0 for the sparse layout (fields 4–12, 32–44)
;;  52 byte offset of the block's δ(2) buffer in scratch
;;  56 cost: 0 cross-entropy (Ng's), 1 quadratic     60 hidden activation: 0 sigmoid (Ng's), 1 tanh, 2 ReLU
;;  64+4l units s(l)         128+4l padded units    192+4l byte offset of transposed Θ(l+1) in Θ and Δ
;; 256+4l byte offset of a(l) in scratch            320+4l byte offset of δ(l) in scratch
;; 384 byte offset in scratch of a list of n u32 (dense layout)   388 1: the dense forward pass skips
;;     zero inputs, listing the others there first (predictions; training multiplies every input)
;;
;; exp and log follow fdlibm (the algorithms and constants behind V8's Math.exp and Math.log), so the
;; sigmoid and the cost agree with the JavaScript implementations to the last bit or two.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; @include "kernel/math.wat"

  ;; @include "kernel/forward.wat"

  ;; @include "kernel/backward.wat"

  ;; @include "kernel/dense.wat"

  ;; @include "kernel/cost.wat"

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

  ;; The last hidden layer's activations a(L−1) of each example from…to−1, its padded units as f64
  ;; from $out + (e − from)·8·padded (the output layer and its cost are left to the caller: judge.ts).
  (func (export "lastHidden") (param $from i32) (param $to i32) (param $out i32) (param $scratch i32)
    (local $e i32) (local $hidden i32) (local $a i32) (local $bytes i32)
    (local.set $hidden (i32.shl (i32.sub (i32.load (i32.const 0)) (i32.const 2)) (i32.const 2)))
    (local.set $a (i32.add (local.get $scratch) (i32.load offset=256 (local.get $hidden))))
    (local.set $bytes (i32.shl (i32.load offset=128 (local.get $hidden)) (i32.const 3)))
    (local.set $e (local.get $from))
    (block $examplesDone
      (loop $next
        (br_if $examplesDone (i32.ge_u (local.get $e) (local.get $to)))
        (call $forward (local.get $e) (local.get $scratch))
        (memory.copy (local.get $out) (local.get $a) (local.get $bytes))
        (local.set $out (i32.add (local.get $out) (local.get $bytes)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $next))))

  ;; Test hooks: e^x, tanh x and log x of `count` doubles at $ptr, in place, so the tests can compare
  ;; them with Math.exp, Math.tanh and Math.log. ($count must be even for exp and tanh.)
  (func (export "expInPlace") (param $ptr i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (v128.store (local.get $ptr) (call $exp (v128.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next))))
  (func (export "tanhInPlace") (param $ptr i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (v128.store (local.get $ptr) (call $tanh (v128.load (local.get $ptr))))
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
