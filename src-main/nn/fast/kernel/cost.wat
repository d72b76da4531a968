;; Part of kernel.wat: one example's cost and δ, and the exported sums of cost and Δ over examples
;; (by example for mini-batches, by block and column for full evaluations). The cost is cross-entropy,
;; or the quadratic when header field 56 is 1.
  ;; One example's forward pass, its cost terms and δ(L) = a(L) − y, and backprop through the dense
  ;; layers (adding to their Δ); leaves δ(2) in the scratch for the caller's sparse layer-1 step.
  ;; Returns the example's cost −Σₖ[yₖ·log hₖ + (1−yₖ)·log(1−hₖ)], or Σₖ ½(hₖ − yₖ)² (quadratic).
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
    (if (i32.load (i32.const 56))
      (then (local.set $cost (call $quadraticOutput (local.get $a) (local.get $d) (local.get $classes) (local.get $label))))
      (else
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
        (br $class)))))

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
          (i32.add (local.get $scratch) (i32.load offset=320 (i32.shl (local.get $l) (i32.const 2))))
          (i32.load (i32.const 60)))
        (local.set $l (i32.sub (local.get $l) (i32.const 1)))
        (br $layer)))
    (local.get $cost))

  ;; The quadratic cost's output step (header field 56 = 1) for one example: returns Σₖ ½(hₖ − yₖ)² and
  ;; writes δ(L)ₖ = (hₖ − yₖ)·hₖ(1 − hₖ), the output sigmoid's slope kept in (unlike cross-entropy's).
  (func $quadraticOutput (param $a i32) (param $d i32) (param $classes i32) (param $label i32) (result f64)
    (local $k i32) (local $h f64) (local $error f64) (local $cost f64)
    (block $classesDone
      (loop $class
        (br_if $classesDone (i32.ge_u (local.get $k) (local.get $classes)))
        (local.set $h (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $error
          (select (f64.sub (local.get $h) (f64.const 1)) (local.get $h) (i32.eq (local.get $k) (local.get $label))))
        (local.set $cost (f64.add (local.get $cost) (f64.mul (f64.mul (f64.const 0.5) (local.get $error)) (local.get $error))))
        (f64.store (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3)))
          (f64.mul (f64.mul (local.get $error) (local.get $h)) (f64.sub (f64.const 1) (local.get $h))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $class)))
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
        ;; backward into layer 1, over this example's nonzero inputs (or all of them, dense)
        (if (i32.load (i32.const 48))
          (then
            (call $backwardDenseInput
              (i32.add (i32.load (i32.const 48)) (i32.mul (local.get $e) (i32.shl (i32.load (i32.const 64)) (i32.const 3))))
              (i32.load (i32.const 64))
              (i32.add (local.get $acc) (i32.load (i32.const 192))) (i32.load (i32.const 132))
              (i32.add (local.get $scratch) (i32.load (i32.const 324)))))
          (else
            (call $backwardSparse (i32.load (i32.const 8)) (i32.load (i32.const 12))
              (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $e) (i32.const 2))))
              (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $e) (i32.const 2))))
              (i32.add (local.get $acc) (i32.load (i32.const 192))) (i32.load (i32.const 132))
              (i32.add (local.get $scratch) (i32.load (i32.const 324))))))
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
    (local $row i32) (local $at i32) (local $x v128) (local $cost f64) (local $base i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128)
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

        ;; Δ(1): the dense layout adds every input of every example of the block (blockColumnsDense)
        (if (i32.load (i32.const 48))
          (then
            (call $blockColumnsDense
              (i32.add (i32.load (i32.const 48))
                (i32.mul (i32.mul (local.get $b) (local.get $blockSize)) (i32.shl (i32.load (i32.const 64)) (i32.const 3))))
              (i32.sub (local.get $stop) (i32.mul (local.get $b) (local.get $blockSize)))
              (i32.load (i32.const 64)) (local.get $g) (local.get $rowBytes) (local.get $deltas)))
          (else
                ;; Δ(1) rows of the inputs this block touches, 14 units at a time, then 12, 8, 2 (measured: 26 in one
                ;; sweep is slower, as the 13 sums, the input and δ(2) no longer fit the 16 SIMD registers; 14 + 12
                ;; decode each entry twice instead of three times for 12 + 12 + 2, −6 % CPU per photo evaluation)
                (local.set $q (i32.load (i32.add (local.get $blockColumnStart) (i32.shl (local.get $b) (i32.const 2)))))
                (local.set $qEnd (i32.load offset=4 (i32.add (local.get $blockColumnStart) (i32.shl (local.get $b) (i32.const 2)))))
                (block $columnsDone
                  (loop $column
                    (br_if $columnsDone (i32.ge_u (local.get $q) (local.get $qEnd)))
                    (local.set $row (i32.add (local.get $g) (i32.load (i32.add (local.get $columnRow) (i32.shl (local.get $q) (i32.const 2))))))
                    (local.set $iEnd (i32.add (local.get $blockEntries) (i32.shl (i32.load offset=4 (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))
                    (local.set $u (i32.const 0))
                    (block $tiles7Done
                      (loop $tile7
                        (br_if $tiles7Done (i32.gt_u (i32.add (local.get $u) (i32.const 112)) (local.get $rowBytes)))
                        (local.set $at (i32.add (local.get $row) (local.get $u)))
                        (local.set $s0 (v128.load offset=0 (local.get $at)))
                        (local.set $s1 (v128.load offset=16 (local.get $at)))
                        (local.set $s2 (v128.load offset=32 (local.get $at)))
                        (local.set $s3 (v128.load offset=48 (local.get $at)))
                        (local.set $s4 (v128.load offset=64 (local.get $at)))
                        (local.set $s5 (v128.load offset=80 (local.get $at)))
                        (local.set $s6 (v128.load offset=96 (local.get $at)))
                        (local.set $i (i32.add (local.get $blockEntries) (i32.shl (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))
                        (local.set $base (i32.add (local.get $deltas) (local.get $u)))
                        (block $entriesDone
                          (loop $entry
                            (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                            (local.set $entry (i32.load (local.get $i)))
                            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                            (local.set $at (i32.add (local.get $base)
                                                    (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $at)))))
                            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $at)))))
                            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $at)))))
                            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $at)))))
                            (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (local.get $x) (v128.load offset=64 (local.get $at)))))
                            (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (local.get $x) (v128.load offset=80 (local.get $at)))))
                            (local.set $s6 (f64x2.add (local.get $s6) (f64x2.mul (local.get $x) (v128.load offset=96 (local.get $at)))))
                            (local.set $i (i32.add (local.get $i) (i32.const 4)))
                            (br $entry)))
                        (local.set $at (i32.add (local.get $row) (local.get $u)))
                        (v128.store offset=0 (local.get $at) (local.get $s0))
                        (v128.store offset=16 (local.get $at) (local.get $s1))
                        (v128.store offset=32 (local.get $at) (local.get $s2))
                        (v128.store offset=48 (local.get $at) (local.get $s3))
                        (v128.store offset=64 (local.get $at) (local.get $s4))
                        (v128.store offset=80 (local.get $at) (local.get $s5))
                        (v128.store offset=96 (local.get $at) (local.get $s6))
                        (local.set $u (i32.add (local.get $u) (i32.const 112)))
                        (br $tile7)))
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
                        (local.set $i (i32.add (local.get $blockEntries) (i32.shl (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))
                        (local.set $base (i32.add (local.get $deltas) (local.get $u)))
                        (block $entriesDone
                          (loop $entry
                            (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                            (local.set $entry (i32.load (local.get $i)))
                            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                            (local.set $at (i32.add (local.get $base)
                                                    (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $at)))))
                            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $at)))))
                            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $at)))))
                            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $at)))))
                            (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (local.get $x) (v128.load offset=64 (local.get $at)))))
                            (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (local.get $x) (v128.load offset=80 (local.get $at)))))
                            (local.set $i (i32.add (local.get $i) (i32.const 4)))
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
                        (local.set $i (i32.add (local.get $blockEntries) (i32.shl (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))
                        (local.set $base (i32.add (local.get $deltas) (local.get $u)))
                        (block $entriesDone
                          (loop $entry
                            (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                            (local.set $entry (i32.load (local.get $i)))
                            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                            (local.set $at (i32.add (local.get $base)
                                                    (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load offset=0 (local.get $at)))))
                            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $at)))))
                            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $at)))))
                            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $at)))))
                            (local.set $i (i32.add (local.get $i) (i32.const 4)))
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
                        (local.set $i (i32.add (local.get $blockEntries) (i32.shl (i32.load (i32.add (local.get $columnStart) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))
                        (local.set $base (i32.add (local.get $deltas) (local.get $u)))
                        (block $entriesDone
                          (loop $entry
                            (br_if $entriesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
                            (local.set $entry (i32.load (local.get $i)))
                            (local.set $x (v128.load64_splat (i32.add (local.get $table) (i32.shl (i32.shr_u (local.get $entry) (i32.const 16)) (i32.const 3)))))
                            (local.set $at (i32.add (local.get $base)
                                                    (i32.mul (i32.and (local.get $entry) (i32.const 0xffff)) (local.get $rowBytes))))
                            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (local.get $at)))))
                            (local.set $i (i32.add (local.get $i) (i32.const 4)))
                            (br $entry)))
                        (v128.store (i32.add (local.get $row) (local.get $u)) (local.get $s0))
                        (local.set $u (i32.add (local.get $u) (i32.const 16)))
                        (br $pair)))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br $column)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $block)))
    (local.get $cost))
