;; Part of kernel.wat: backprop into Δ, over one example's nonzero inputs and through the dense layers.
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

  ;; Backward through a dense layer l ≥ 2: Δ(l) += δ(l+1)·[1 a(l)]ᵀ and δ(l)ⱼ = (Θ(l)ᵀδ(l+1))ⱼ·g′(zⱼ), g′
  ;; read from aⱼ as the hidden activation $kind has it: aⱼ(1 − aⱼ) for the sigmoid (0), 1 − aⱼ² for
  ;; tanh (1), and for ReLU (2) 1 where aⱼ > 0 (that is, z > 0), else 0.
  (func $backwardDense (param $a i32) (param $inUnits i32) (param $dNext i32) (param $width i32)
                       (param $w i32) (param $g i32) (param $d i32) (param $kind i32)
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
          (if (result f64) (i32.eqz (local.get $kind))
            (then (f64.mul (f64.mul (local.get $back) (local.get $aj)) (f64.sub (f64.const 1) (local.get $aj))))
            (else
              (f64.mul (local.get $back)
                (if (result f64) (i32.eq (local.get $kind) (i32.const 1))
                  (then (f64.sub (f64.const 1) (f64.mul (local.get $aj) (local.get $aj))))
                  (else (select (f64.const 1) (f64.const 0) (f64.gt (local.get $aj) (f64.const 0)))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $unit))))
